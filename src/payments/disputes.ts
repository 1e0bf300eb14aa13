// A dispute (chargeback or inquiry) of a paid order, at any point of its life (appeals and withdrawals included): its
// latest state is recorded and the order's held GB recomputed (src/orders/disputes.ts); the key then converges to the
// new cap, and the audit log flags it for the operator. A dispute of a payment not linked to its order yet finds the
// order through its PaymentIntent (lookup.ts), instead of being dropped.
import { auditStatement } from '../audit/index.ts';
import { markOwedStatement as markKeyOwedStatement } from '../keys/index.ts';
import type { Logger } from '../log.ts';
import { linkStripeIdsStatement, recordDisputeStatements } from '../orders/index.ts';
import { type EventPlan, expandable, expandableId, ignored, type StripeEventEnvelope } from '../stripe/index.ts';
import * as z from '../zod.ts';
import { orderOfPaymentIntent, type PlanContext } from './lookup.ts';

/** Only the fields the shop reads; Stripe sends many more. */
export const disputeSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  object: z.literal('dispute'),
  amount: z.int(),
  currency: z.string().check(z.regex(/^[a-z]{3}$/)),
  charge: expandable,
  payment_intent: z.optional(z.nullable(expandable)),
  reason: z.string().check(z.maxLength(100)),
  status: z.string().check(z.minLength(1), z.maxLength(64)),
  created: z.number(),
});

export async function planDispute(ctx: PlanContext, event: StripeEventEnvelope, log: Logger): Promise<EventPlan> {
  const parsed = disputeSchema.safeParse(event.data.object);
  if (!parsed.success) return ignored('malformed dispute');
  const dispute = parsed.data;
  const paymentIntentId = expandableId(dispute.payment_intent);
  const found = paymentIntentId ? await orderOfPaymentIntent(ctx, paymentIntentId) : null;
  if (!found) {
    log.warn('stripe dispute for a charge this shop does not know', { eventId: event.id, disputeId: dispute.id });
    return ignored('unknown charge');
  }
  const { db } = ctx;
  const order = {
    id: found.orderId,
    customerId: found.customerId,
    gb: found.gb,
    price: found.price,
    tax: found.tax,
    currency: found.currency,
  };
  const report = {
    id: dispute.id,
    chargeId: expandableId(dispute.charge) ?? '',
    amount: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    status: dispute.status,
    fundsReinstated: event.type === 'charge.dispute.funds_reinstated',
    createdAt: dispute.created * 1000,
  };
  return {
    statements: [
      ...found.create,
      linkStripeIdsStatement(db, found.orderId, null, paymentIntentId),
      ...recordDisputeStatements(db, order, report, event.created * 1000),
      markKeyOwedStatement(db, order.customerId, ctx.now),
      auditStatement(db, {
        actor: 'system',
        action: event.type.replace(/^charge\./, ''),
        customerId: order.customerId,
        detail: {
          orderId: order.id,
          stripeEventId: event.id,
          disputeId: dispute.id,
          status: dispute.status,
          reason: dispute.reason,
          amount: dispute.amount,
          currency: dispute.currency,
        },
        at: ctx.now,
      }),
    ],
    outcome: { result: 'applied', reconcileCustomerId: order.customerId },
  };
}
