// Cron retention: forget what no longer serves anyone. Orders, customers and the audit log are kept.
import { and, isNotNull, lt, or } from 'drizzle-orm';
import { loginTokens, mailFailures, sessions, stripeEvents } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import { DAY_MS } from '../time.ts';

/** How long each kind of row outlives its use. Login tokens feed the daily sign-in cap, so they stay a day longer. */
export const RETENTION = {
  loginTokensAfterExpiryMs: 2 * DAY_MS,
  sessionsAfterEndMs: 30 * DAY_MS,
  processedEventsMs: 90 * DAY_MS,
  mailFailuresMs: 90 * DAY_MS,
} as const;

export interface RetentionResult {
  loginTokens: number;
  sessions: number;
  stripeEvents: number;
  mailFailures: number;
}

export async function runRetention(db: Db, now: number): Promise<RetentionResult> {
  const [tokens, ended, events, failures] = await db.batch([
    db.delete(loginTokens).where(lt(loginTokens.expiresAt, now - RETENTION.loginTokensAfterExpiryMs)),
    db
      .delete(sessions)
      .where(
        or(
          lt(sessions.expiresAt, now - RETENTION.sessionsAfterEndMs),
          and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, now - RETENTION.sessionsAfterEndMs)),
        ),
      ),
    // Only processed events: an unprocessed one still owes work.
    db
      .delete(stripeEvents)
      .where(and(isNotNull(stripeEvents.processedAt), lt(stripeEvents.processedAt, now - RETENTION.processedEventsMs))),
    db.delete(mailFailures).where(lt(mailFailures.at, now - RETENTION.mailFailuresMs)),
  ]);
  return {
    loginTokens: tokens.meta.changes,
    sessions: ended.meta.changes,
    stripeEvents: events.meta.changes,
    mailFailures: failures.meta.changes,
  };
}
