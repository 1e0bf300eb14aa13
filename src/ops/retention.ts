// Cron retention: forget what no longer serves anyone. Orders, customers and the audit log are kept. Each run
// deletes at most `limit` rows per table (one statement each), so a backlog is worked off a message at a time.
import { and, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
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

/** Deletes at most `limit` rows of `table` that match `where` (SQLite's DELETE takes no LIMIT of its own). */
function deleteSome(db: Db, table: SQLiteTable, where: SQL | undefined, limit: number) {
  return db.delete(table).where(sql`rowid in (select rowid from ${table} where ${where} limit ${limit})`);
}

/** Forgets up to `limit` rows of each kind; a table that had `limit` to forget may have more (run it again). */
export async function runRetention(db: Db, now: number, limit: number): Promise<RetentionResult> {
  const [tokens, ended, events, failures] = await db.batch([
    deleteSome(db, loginTokens, lt(loginTokens.expiresAt, now - RETENTION.loginTokensAfterExpiryMs), limit),
    deleteSome(
      db,
      sessions,
      or(
        lt(sessions.expiresAt, now - RETENTION.sessionsAfterEndMs),
        and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, now - RETENTION.sessionsAfterEndMs)),
      ),
      limit,
    ),
    // Only processed events: an unprocessed one still owes work.
    deleteSome(
      db,
      stripeEvents,
      and(isNotNull(stripeEvents.processedAt), lt(stripeEvents.processedAt, now - RETENTION.processedEventsMs)),
      limit,
    ),
    deleteSome(db, mailFailures, lt(mailFailures.at, now - RETENTION.mailFailuresMs), limit),
  ]);
  return {
    loginTokens: tokens.meta.changes,
    sessions: ended.meta.changes,
    stripeEvents: events.meta.changes,
    mailFailures: failures.meta.changes,
  };
}
