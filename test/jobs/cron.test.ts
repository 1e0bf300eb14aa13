import { env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { customers, loginTokens } from '../../schema.ts';
import { openDb } from '../../src/db/index.ts';
import { cronBindings, drainJobs, fireCron, HeldQueue } from '../cron.ts';

describe('cron trigger', () => {
  it('still runs retention when another job fails, and logs the failure', async () => {
    const db = openDb(env.DB);
    await db.insert(customers).values({ id: 'c-cron', email: 'cron@example.com' });
    const longAgo = Date.now() - 10 * 86_400_000;
    await db.insert(loginTokens).values({
      id: 't-old',
      email: 'cron@example.com',
      tokenHash: 'h-old',
      createdAt: longAgo,
      expiresAt: longAgo + 900_000,
    });
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    try {
      // A broken PRICING var makes the reconcile job throw (it needs the config); retention needs only D1.
      const jobs = new HeldQueue();
      const broken = cronBindings(jobs, {}, { ...env, PRICING: '{not json' } as unknown as Env);
      await fireCron(broken, Date.now());
      await drainJobs(broken, jobs);
    } finally {
      spy.mockRestore();
    }
    expect(await db.select().from(loginTokens)).toEqual([]);
    expect(errors.some((line) => line.includes('"job":"reconcile"') && line.includes('cron job failed'))).toBe(true);
  });
});
