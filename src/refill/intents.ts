// PaymentIntent events, auto top-up's side of the webhook: an off-session charge succeeding (its order becomes paid
// exactly as a Checkout's does, with the tax Stripe Tax added) or failing (auto top-up pauses and the customer is
// mailed), and a card saved for later by a Checkout with `setup_future_usage` (auto top-up charges it from now on,
// and a pause is over). The same statements record what the cron learns when it asks Stripe itself (pay.ts).
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
  type EventOutcome,
  type EventPlan,
  expandable,
  expandableId,
  ignored,
  metadata,
  type StripeEventEnvelope,
} from '../stripe/index.ts';
import * as z from '../zod.ts';
import {
  type AutoTopUpChargeRow,
  chargeFailedStatements,
  chargeSucceededStatement,
  getCharge,
  saveCardStatement,
} from './store.ts';

/** The auto top-up charge a PaymentIntent was made for (in its metadata, next to the order's snapshot). */
export const CHARGE_METADATA_KEY = 'shop_auto_top_up_charge';

export const intentSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.literal('payment_intent'),
  amount_received: z.int(),
  payment_method: z.optional(z.nullable(expandable)),
  setup_future_usage: z.optional(z.nullable(z.string())),
  last_payment_error: z.optional(
    z.nullable(z.object({ code: z.optional(z.string()), decline_code: z.optional(z.string()) })),
  ),
  metadata: z.optional(z.nullable(metadata)),
});

/** What the shop reads of a PaymentIntent, from an event or from Stripe's answer. */
export type IntentFacts = Pick<
  z.infer<typeof intentSchema>,
  'id' | 'amount_received' | 'metadata' | 'last_payment_error'
>;

/** Card error codes that mean the bank refused this card (docs.stripe.com/error-codes). */
const CARD_REFUSALS = new Set([
  'card_declined',
  'expired_card',
  'incorrect_cvc',
  'incorrect_number',
  'insufficient_funds',
  'processing_error',
]);

/**
 * Why a charge needs the customer: the bank wants them to authenticate (the code, or a soft decline's decline code,
 * `authentication_required`), refused the card, or the payment failed otherwise (a bank debit returned, Stripe refused
 * the request).
 */
export function pauseReasonOf(
  failure: { code?: string | null; decline_code?: string | null } | null | undefined,
): AutoTopUpPause {
  if (failure?.code === 'authentication_required' || failure?.decline_code === 'authentication_required')
    return 'authentication_required';
  return failure?.code && CARD_REFUSALS.has(failure.code) ? 'card_declined' : 'payment_failed';
}

/**
 * The off-session charge went through: its order is paid like a Checkout's (the tax is the charge's, from its
 * Stripe Tax calculation), the charge succeeds, the key converges. Conditional statements and a fixed audit id: the
 * webhook and the cron's own look-up can both record it, once.
 */
export async function chargePaidPlan(
  db: Db,
  intent: IntentFacts,
  charge: Pick<AutoTopUpChargeRow, 'id' | 'tax'>,
  paidAt: number,
  now: number,
  detail: Record<string, unknown>,
): Promise<{ statements: BatchStatement[]; outcome: EventOutcome } | null> {
  const found = await locateOrder(db, snapshotFromMetadata(intent.metadata), { paymentIntentId: intent.id }, now);
  if (!found) return null;
  return {
    statements: [
      ...found.create,
      linkStripeIdsStatement(db, found.orderId, null, intent.id),
      markPaidStatement(db, found.orderId, paidAt, {
        price: intent.amount_received - charge.tax,
        discount: 0,
        tax: charge.tax,
      }),
      chargeSucceededStatement(db, charge.id, intent.id),
      markKeyOwedStatement(db, found.customerId, now),
      auditStatement(db, {
        id: `order.paid:${found.orderId}`,
        actor: 'system',
        action: 'order.paid',
        customerId: found.customerId,
        detail: { orderId: found.orderId, paymentIntentId: intent.id, via: 'auto top-up', ...detail },
        at: now,
      }),
    ],
    outcome: { result: 'applied', reconcileCustomerId: found.customerId, paidOrderId: found.orderId },
  };
}

/** The charge needs the customer: auto top-up pauses (once), its order fails, and the audit log says why. */
export function chargeFailedPlan(
  db: Db,
  charge: Pick<AutoTopUpChargeRow, 'id' | 'customerId' | 'orderId'>,
  reason: AutoTopUpPause,
  paymentIntentId: string | null,
  now: number,
  detail: Record<string, unknown>,
): [BatchStatement, ...BatchStatement[]] {
  return [
    ...chargeFailedStatements(db, charge, reason, paymentIntentId, now),
    ...(charge.orderId ? [markUnpaidStatement(db, charge.orderId, 'failed')] : []),
    auditStatement(db, {
      actor: 'system',
      action: 'auto_top_up.paused',
      customerId: charge.customerId,
      detail: { chargeId: charge.id, reason, paymentIntentId, ...detail },
      at: now,
    }),
  ];
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
  if (event.type === 'payment_intent.succeeded') {
    const paid = await chargePaidPlan(db, intent, charge, event.created * 1000, now, { stripeEventId: event.id });
    if (!paid) return { statements, outcome: { result: 'applied', reason: 'order missing' } };
    return { statements: [...statements, ...paid.statements], outcome: paid.outcome };
  }
  const reason = pauseReasonOf(intent.last_payment_error);
  statements.push(...chargeFailedPlan(db, charge, reason, intent.id, now, { stripeEventId: event.id }));
  return { statements, outcome: { result: 'applied', pausedChargeId: charge.id } };
}
