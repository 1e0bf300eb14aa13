// What a verified Stripe event is, and what applying one plans: the D1 statements it implies (committed in one batch
// with the event id, see webhook.ts) and what must happen after (a reconcile, a receipt, a notice).
import { customerExists } from '../customers/index.ts';
import type { BatchStatement, Db } from '../db/index.ts';
import * as z from '../zod.ts';
import { findOrder, insertOrderStatement, type OrderSnapshot } from './orders.ts';

export const metadata = z.record(z.string(), z.string());

export const eventSchema = z.object({
  id: z.string().check(z.regex(/^evt_[A-Za-z0-9_]{1,250}$/)),
  type: z.string(),
  created: z.number(),
  /** False for test-mode events (test keys, test cards): a production shop ignores them. */
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export type StripeEventEnvelope = z.infer<typeof eventSchema>;

export interface EventOutcome {
  /** 'applied': recorded now; 'duplicate': this event id was recorded before; 'ignored': not ours or not handled. */
  result: 'applied' | 'duplicate' | 'ignored';
  /** The customer whose key must now converge (set when an order became paid or lost GB). */
  reconcileCustomerId?: string;
  /** The order that became paid with this event (for the receipt). */
  paidOrderId?: string;
  /** An auto top-up charge that failed with this event: the customer is mailed to finish it. */
  pausedChargeId?: string;
  reason?: string;
}

export interface Plan {
  statements: BatchStatement[];
  outcome: EventOutcome;
}

export const ignored = (reason: string): Plan => ({ statements: [], outcome: { result: 'ignored', reason } });

/** Finds the order an object refers to, recording it from the snapshot in metadata if it is missing. */
export async function locateOrder(
  db: Db,
  snapshot: OrderSnapshot | null,
  by: { sessionId?: string; paymentIntentId?: string },
  now: number,
): Promise<{ orderId: string; customerId: string; gb: number; create: BatchStatement[] } | null> {
  const existing = await findOrder(db, { id: snapshot?.orderId, ...by });
  if (existing) return { orderId: existing.id, customerId: existing.customerId, gb: existing.gb, create: [] };
  // The pending row may be missing (a crash between creating the Checkout Session and recording it):
  // the snapshot in Stripe's metadata is enough to record the order now.
  if (!snapshot || !(await customerExists(db, snapshot.customerId))) return null;
  return {
    orderId: snapshot.orderId,
    customerId: snapshot.customerId,
    gb: snapshot.gb,
    create: [insertOrderStatement(db, snapshot, by.sessionId ?? null, now)],
  };
}
