// A refund of one of the shop's charges: the order records the charge's cumulative refunded amount (so replays and
// reordering converge), gives back the refunded share of its GB, and the key converges to the smaller cap.
import { auditStatement } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { markOwedStatement as markKeyOwedStatement } from '../keys/index.ts';
import type { Logger } from '../log.ts';
import { linkStripeIdsStatement, locateOrder, recordRefundStatement, snapshotFromMetadata } from '../orders/index.ts';
import {
  type EventPlan,
  expandable,
  expandableId,
  ignored,
  metadata,
  type StripeEventEnvelope,
} from '../stripe/index.ts';
import * as z from '../zod.ts';

export const REFUND_EVENTS = new Set(['charge.refunded']);

/** Only the fields the shop reads; Stripe sends many more. */
const chargeSchema = z.object({
  id: z.string(),
  object: z.literal('charge'),
  amount: z.int(),
  amount_refunded: z.int(),
  payment_intent: z.optional(z.nullable(expandable)),
  metadata: z.optional(z.nullable(metadata)),
});

export async function planRefund(db: Db, event: StripeEventEnvelope, log: Logger, now: number): Promise<EventPlan> {
  const parsed = chargeSchema.safeParse(event.data.object);
  if (!parsed.success) return ignored('malformed charge');
  const charge = parsed.data;
  const paymentIntentId = expandableId(charge.payment_intent);
  const found = await locateOrder(
    db,
    snapshotFromMetadata(charge.metadata),
    { paymentIntentId: paymentIntentId ?? undefined },
    now,
  );
  if (!found) {
    log.warn('stripe refund for a charge this shop does not know', { eventId: event.id, chargeId: charge.id });
    return ignored('unknown charge');
  }
  const { orderId, customerId } = found;
  return {
    statements: [
      ...found.create,
      linkStripeIdsStatement(db, orderId, null, paymentIntentId),
      recordRefundStatement(db, { id: orderId, gb: found.gb }, charge.amount_refunded, charge.amount),
      markKeyOwedStatement(db, customerId, now),
      auditStatement(db, {
        actor: 'system',
        action: 'order.refunded',
        customerId,
        detail: {
          orderId,
          stripeEventId: event.id,
          chargeId: charge.id,
          amountRefunded: charge.amount_refunded,
          amount: charge.amount,
        },
        at: now,
      }),
    ],
    outcome: { result: 'applied', reconcileCustomerId: customerId },
  };
}
