import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { customers, loginTokens } from '../../schema.ts';
import { openDb } from '../../src/db/index.ts';
import worker from '../../src/index.ts';
import { CRON_PLAN } from '../../src/jobs/index.ts';
import { cronBindings, drainJobs, fireScheduled, HeldQueue } from '../support/index.ts';

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
      await fireScheduled(broken, Date.now());
      await drainJobs(broken, jobs);
    } finally {
      spy.mockRestore();
    }
    expect(await db.select().from(loginTokens)).toEqual([]);
    expect(errors.some((line) => line.includes('"job":"reconcile"') && line.includes('cron job failed'))).toBe(true);
  });

  it('through the real jobs queue: the scheduled handler only plans, the consumer runs every job of the tick', async () => {
    const tick = Date.now() + 60 * 60_000;
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ scheduledTime: tick, cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const jobs = CRON_PLAN.flat().length;
    const deadline = Date.now() + 30_000;
    let finished = 0;
    while (finished < jobs && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const row = await env.DB.prepare('select count(*) as n from job_runs where tick = ? and finished_at is not null')
        .bind(tick)
        .first<{ n: number }>();
      finished = row?.n ?? 0;
    }
    expect(finished).toBe(jobs);
  }, 40_000);
});
