// The `reminders` rows: claimed in the one statement that decides to send (a unique key, insert-or-nothing), marked
// sent once queued, given back when queueing failed. A claim whose run died before queueing is taken again after
// STALE_CLAIM_MS, so no reminder is lost for good; the mail's idempotency key keeps a retaken one from arriving twice.
import { and, eq, isNull, lt } from 'drizzle-orm';
import { reminders } from '../../schema.ts';
import type { Db } from '../db/index.ts';

export const STALE_CLAIM_MS = 15 * 60_000;

export interface ReminderRef {
  keyId: string;
  kind: string;
  basis: number;
}

const matches = (r: ReminderRef) =>
  and(eq(reminders.keyId, r.keyId), eq(reminders.kind, r.kind), eq(reminders.basis, r.basis));

/** Whether this run may send the reminder: true for exactly one of any number of concurrent runs. */
export async function claimReminder(db: Db, r: ReminderRef, customerId: string, now: number): Promise<boolean> {
  const claimed = await db
    .insert(reminders)
    .values({ ...r, customerId, claimedAt: now })
    .onConflictDoUpdate({
      target: [reminders.keyId, reminders.kind, reminders.basis],
      set: { claimedAt: now },
      setWhere: and(isNull(reminders.sentAt), lt(reminders.claimedAt, now - STALE_CLAIM_MS)),
    })
    .returning({ keyId: reminders.keyId });
  return claimed.length > 0;
}

export async function markReminderSent(db: Db, r: ReminderRef, now: number): Promise<void> {
  await db.update(reminders).set({ sentAt: now }).where(matches(r));
}

/** Queueing failed: the next run claims it again at once. */
export async function releaseReminder(db: Db, r: ReminderRef): Promise<void> {
  await db
    .update(reminders)
    .set({ claimedAt: 0 })
    .where(and(matches(r), isNull(reminders.sentAt)));
}
