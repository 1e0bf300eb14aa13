// Whether mail leaves the shop: the queue's consumer records how the transport last did (one row, once per batch),
// and sign-in, /api/healthz and the console read it. Only the transport's own failures count (its credentials, the
// sender domain, the quota, an outage, a message dead-lettered after its retries), never one recipient's (a
// suppressed or malformed address): otherwise anyone could stop every sign-in by asking a link for an address that
// bounces. Mail is failing while the latest outcome is a failure younger than MAIL_FAILURE_WINDOW_MINUTES.
import { eq, sql } from 'drizzle-orm';
import { mailHealth } from '../../schema.ts';
import type { Db } from '../db/index.ts';

export interface MailHealth {
  ok: boolean;
  /** When a message last left (unix ms), null when none has since the shop was deployed. */
  lastOkAt: number | null;
  lastFailureAt: number | null;
  /** Why the transport last failed (`outbox HTTP 503`, `cloudflare E_SENDER_NOT_VERIFIED`), or why it cannot send. */
  reason: string | null;
}

/**
 * What one batch came to: when a message left, and the transport's latest failure. A `general` failure (a dead
 * letter) keeps the more telling reason its earlier sends recorded, if any.
 */
export interface MailOutcome {
  sentAt?: number;
  failure?: { at: number; reason: string; general?: boolean };
}

const ROW = 'transport';

/** Records a batch's outcome; a newer one wins whatever order concurrent batches finish in. */
export async function recordMailOutcome(db: Db, { sentAt, failure }: MailOutcome): Promise<void> {
  if (sentAt === undefined && !failure) return;
  const newer = (column: string, value: number | null) =>
    sql.raw(`max(coalesce(${column}, 0), coalesce(${value ?? 'null'}, 0))`);
  await db
    .insert(mailHealth)
    .values({
      id: ROW,
      lastOkAt: sentAt ?? null,
      lastFailureAt: failure?.at ?? null,
      lastFailureReason: failure?.reason ?? null,
    })
    .onConflictDoUpdate({
      target: mailHealth.id,
      set: {
        lastOkAt: sql`nullif(${newer('last_ok_at', sentAt ?? null)}, 0)`,
        lastFailureAt: sql`nullif(${newer('last_failure_at', failure?.at ?? null)}, 0)`,
        lastFailureReason: failure
          ? sql`case when ${failure.at} >= coalesce(last_failure_at, 0) and (${failure.general ? 0 : 1} or last_failure_reason is null) then ${failure.reason} else last_failure_reason end`
          : sql`last_failure_reason`,
      },
    });
}

/** The transport's health at `now`: failing while its latest outcome is a failure younger than `windowMs`. */
export async function readMailHealth(db: Db, now: number, windowMs: number): Promise<MailHealth> {
  const [row] = await db.select().from(mailHealth).where(eq(mailHealth.id, ROW));
  const lastOkAt = row?.lastOkAt ?? null;
  const lastFailureAt = row?.lastFailureAt ?? null;
  const failing = lastFailureAt !== null && now - lastFailureAt < windowMs && lastFailureAt > (lastOkAt ?? 0);
  return { ok: !failing, lastOkAt, lastFailureAt, reason: failing ? (row?.lastFailureReason ?? null) : null };
}
