// Refunds of the shop's charges, from the console or the Stripe dashboard, reported by Stripe's refund events: each
// refund's latest state is recorded (src/orders/refunds.ts) and the order's refunded amount and GB recomputed from
// them, so the key converges to the smaller cap, and back up when a refund fails (its money stayed with the shop).
import { auditStatement } from '../audit/index.ts';
import { markOwedStatement as markKeyOwedStatement } from '../keys/index.ts';
import type { Logger } from '../log.ts';
import { linkStripeIdsStatement, REFUND_REQUEST_METADATA_KEY, recordRefundStatements } from '../orders/index.ts';
import {
  type EventPlan,
  expandable,
  expandableId,
  ignored,
  metadata,
  type StripeEventEnvelope,
} from '../stripe/index.ts';
import * as z from '../zod.ts';
import { orderOfPaymentIntent, type PlanContext } from './lookup.ts';

/** What the audit log calls each report. */
const AUDIT_ACTION: Record<string, string> = {
  'refund.created': 'order.refunded',
  'refund.updated': 'order.refund_updated',
  'refund.failed': 'order.refund_failed',
};

/** Only the fields the shop reads; Stripe sends many more. */
export const refundSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  object: z.literal('refund'),
  amount: z.int(),
  status: z.nullable(z.string().check(z.maxLength(64))),
  failure_reason: z.optional(z.nullable(z.string().check(z.maxLength(100)))),
  payment_intent: z.optional(z.nullable(expandable)),
  metadata: z.optional(z.nullable(metadata)),
  created: z.number(),
});

export async function planRefund(ctx: PlanContext, event: StripeEventEnvelope, log: Logger): Promise<EventPlan> {
  const parsed = refundSchema.safeParse(event.data.object);
  if (!parsed.success) return ignored('malformed refund');
  const refund = parsed.data;
  const paymentIntentId = expandableId(refund.payment_intent);
  const found = paymentIntentId ? await orderOfPaymentIntent(ctx, paymentIntentId) : null;
  if (!found) {
    log.warn('stripe refund of a payment this shop does not know', { eventId: event.id, refundId: refund.id });
    return ignored('unknown charge');
  }
  const { db } = ctx;
  const status = event.type === 'refund.failed' ? 'failed' : (refund.status ?? 'pending');
  const report = {
    id: refund.id,
    amount: refund.amount,
    status,
    failureReason: refund.failure_reason ?? null,
    requestKey: refund.metadata?.[REFUND_REQUEST_METADATA_KEY] ?? null,
    createdAt: refund.created * 1000,
  };
  const order = { id: found.orderId, customerId: found.customerId };
  return {
    statements: [
      ...found.create,
      linkStripeIdsStatement(db, found.orderId, null, paymentIntentId),
      ...recordRefundStatements(db, order, report, event.created * 1000),
      markKeyOwedStatement(db, found.customerId, ctx.now),
      auditStatement(db, {
        actor: 'system',
        action: AUDIT_ACTION[event.type] ?? 'order.refund_updated',
        customerId: found.customerId,
        detail: {
          orderId: found.orderId,
          stripeEventId: event.id,
          refundId: refund.id,
          amount: refund.amount,
          status,
          failureReason: report.failureReason,
        },
        at: ctx.now,
      }),
    ],
    outcome: { result: 'applied', reconcileCustomerId: found.customerId },
  };
}
