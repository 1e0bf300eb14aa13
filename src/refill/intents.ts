// PaymentIntent events, auto top-up's side of the webhook: an off-session charge succeeding (its order becomes paid
// exactly as a Checkout's does) or failing (auto top-up pauses and the customer is mailed), and a card saved for
// later by a Checkout with `setup_future_usage` (auto top-up charges it from now on, and a pause is over).
import { auditStatement } from '../audit/index.ts';
import type { BatchStatement, Db } from '../db/index.ts';
import { markOwedStatement as markKeyOwedStatement } from '../keys/index.ts';
import type { Logger } from '../log.ts';
import {
  linkStripeIdsStatement,
  locateOrder,
  markPaidStatement,
  markUnpaidStatement,
  snapshotFromMetadata,
} from '../orders/index.ts';
import type { AutoTopUpPause } from '../shared/refill.ts';
import {
  type EventPlan,
  expandable,
  expandableId,
  ignored,
  metadata,
  type StripeEventEnvelope,
} from '../stripe/index.ts';
import * as z from '../zod.ts';
import { chargeFailedStatements, chargeSucceededStatement, getCharge, saveCardStatement } from './store.ts';

export const INTENT_EVENTS = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed']);

/** The auto top-up charge a PaymentIntent was made for (in its metadata, next to the order's snapshot). */
export const CHARGE_METADATA_KEY = 'shop_auto_top_up_charge';

const intentSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.literal('payment_intent'),
  amount_received: z.int(),
  payment_method: z.optional(z.nullable(expandable)),
  setup_future_usage: z.optional(z.nullable(z.string())),
  last_payment_error: z.optional(z.nullable(z.object({ code: z.optional(z.string()) }))),
  metadata: z.optional(z.nullable(metadata)),
});

type Intent = z.infer<typeof intentSchema>;

/** Why an off-session charge needs the customer, from Stripe's error code. */
export function pauseReasonOf(code: string | undefined): AutoTopUpPause {
  return code === 'authentication_required' ? 'authentication_required' : 'card_declined';
}

export async function planPaymentIntent(
  db: Db,
  event: StripeEventEnvelope,
  log: Logger,
  now: number,
): Promise<EventPlan> {
  const parsed = intentSchema.safeParse(event.data.object);
  if (!parsed.success) return ignored('malformed payment intent');
  const intent = parsed.data;
  const snapshot = snapshotFromMetadata(intent.metadata);
  const chargeId = intent.metadata?.[CHARGE_METADATA_KEY];
  const statements: BatchStatement[] = [];
  const cardSaved = expandableId(intent.payment_method);
  // A Checkout that saved the card for off-session use: auto top-up (if the customer has it) charges this card.
  if (event.type === 'payment_intent.succeeded' && intent.setup_future_usage === 'off_session' && cardSaved && snapshot)
    statements.push(saveCardStatement(db, snapshot.customerId, cardSaved, now));
  const charge = chargeId ? await getCharge(db, chargeId) : undefined;
  if (!charge) {
    if (chargeId) log.warn('stripe event for an auto top-up charge this shop does not know', { eventId: event.id });
    return statements.length ? { statements, outcome: { result: 'applied' } } : ignored('not an auto top-up');
  }
  if (event.type === 'payment_intent.succeeded') return planCharged(db, event, intent, charge, statements, now);
  const reason = pauseReasonOf(intent.last_payment_error?.code);
  statements.push(
    ...chargeFailedStatements(db, charge, reason, intent.id, now),
    ...(charge.orderId ? [markUnpaidStatement(db, charge.orderId, 'failed')] : []),
    auditStatement(db, {
      actor: 'system',
      action: 'auto_top_up.paused',
      customerId: charge.customerId,
      detail: { chargeId: charge.id, reason, stripeEventId: event.id, paymentIntentId: intent.id },
      at: now,
    }),
  );
  return { statements, outcome: { result: 'applied', pausedChargeId: charge.id } };
}

/** The off-session charge went through: its order is paid like a Checkout's, and the key converges. */
async function planCharged(
  db: Db,
  event: StripeEventEnvelope,
  intent: Intent,
  charge: { id: string; customerId: string },
  statements: BatchStatement[],
  now: number,
): Promise<EventPlan> {
  const found = await locateOrder(db, snapshotFromMetadata(intent.metadata), { paymentIntentId: intent.id }, now);
  if (!found) return { statements, outcome: { result: 'applied', reason: 'order missing' } };
  statements.push(
    ...found.create,
    linkStripeIdsStatement(db, found.orderId, null, intent.id),
    markPaidStatement(db, found.orderId, event.created * 1000, {
      price: intent.amount_received,
      discount: 0,
      tax: 0,
    }),
    chargeSucceededStatement(db, charge.id, intent.id),
    markKeyOwedStatement(db, found.customerId, now),
    auditStatement(db, {
      actor: 'system',
      action: 'order.paid',
      customerId: found.customerId,
      detail: { orderId: found.orderId, stripeEventId: event.id, paymentIntentId: intent.id, via: 'auto top-up' },
      at: now,
    }),
  );
  return {
    statements,
    outcome: { result: 'applied', reconcileCustomerId: found.customerId, paidOrderId: found.orderId },
  };
}
