import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { customers, loginTokens, mailFailures, sessions, stripeEvents } from '../../schema.ts';
import { openDb } from '../../src/db/index.ts';
import { runRetention } from '../../src/ops/retention.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 28, 3, 0, 0);

describe('cron retention', () => {
  it('deletes stale tokens, ended sessions, old processed events and old mail failures, and keeps the rest', async () => {
    const db = openDb(env.DB);
    await db.insert(customers).values({ id: 'c1', email: 'keep@example.com' });
    const token = (id: string, expiresAt: number) => ({
      id,
      email: 'keep@example.com',
      tokenHash: `h-${id}`,
      createdAt: expiresAt - 900_000,
      expiresAt,
    });
    await db.insert(loginTokens).values([token('old', now - 3 * DAY), token('recent', now - DAY / 2)]);
    const session = (id: string, expiresAt: number, revokedAt: number | null = null) => ({
      id,
      customerId: 'c1',
      signedInAt: expiresAt - DAY,
      createdAt: expiresAt - DAY,
      expiresAt,
      revokedAt,
    });
    await db
      .insert(sessions)
      .values([
        session('expired-long-ago', now - 31 * DAY),
        session('revoked-long-ago', now + DAY, now - 31 * DAY),
        session('live', now + DAY),
      ]);
    await db.insert(stripeEvents).values([
      { id: 'evt_old', type: 'checkout.session.completed', receivedAt: now - 100 * DAY, processedAt: now - 100 * DAY },
      { id: 'evt_unprocessed', type: 'checkout.session.completed', receivedAt: now - 100 * DAY, processedAt: null },
      { id: 'evt_new', type: 'checkout.session.completed', receivedAt: now - DAY, processedAt: now - DAY },
    ]);
    await db.insert(mailFailures).values([
      { id: 'm_old', to: 'a@example.com', kind: 'login', reason: 'bounced', at: now - 91 * DAY },
      { id: 'm_new', to: 'a@example.com', kind: 'login', reason: 'bounced', at: now - DAY },
    ]);

    // A page of at most one row per table: the expired sessions take two.
    expect(await runRetention(db, now, 1)).toEqual({ loginTokens: 1, sessions: 1, stripeEvents: 1, mailFailures: 1 });
    expect(await runRetention(db, now, 1)).toEqual({ loginTokens: 0, sessions: 1, stripeEvents: 0, mailFailures: 0 });
    expect((await db.select({ id: loginTokens.id }).from(loginTokens)).map((r) => r.id)).toEqual(['recent']);
    expect((await db.select({ id: sessions.id }).from(sessions)).map((r) => r.id)).toEqual(['live']);
    expect((await db.select({ id: stripeEvents.id }).from(stripeEvents)).map((r) => r.id).sort()).toEqual([
      'evt_new',
      'evt_unprocessed',
    ]);
    expect((await db.select({ id: mailFailures.id }).from(mailFailures)).map((r) => r.id)).toEqual(['m_new']);

    expect(await runRetention(db, now, 1000)).toEqual({
      loginTokens: 0,
      sessions: 0,
      stripeEvents: 0,
      mailFailures: 0,
    });
  });
});
