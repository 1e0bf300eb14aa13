// One auto top-up charge against Stripe, built on Stripe's own guidance for off-session payments:
// - exactly one PaymentIntent per charge. Its create-and-confirm carries an Idempotency-Key derived from the charge,
//   sent again only while Stripe keeps keys (docs.stripe.com/api/idempotent_requests: "at least 24 hours"); past that
//   the first PaymentIntent is looked up by the charge id in its metadata (a list, strongly consistent) before
//   anything is sent again, and once the shop knows its id it only ever reads it;
// - `processing` is an answer, not a failure: a bank debit "can take up to a few days"
//   (docs.stripe.com/payments/paymentintents/lifecycle); the order's GB stay reserved and the webhook says how it
//   ended (docs.stripe.com/payments/payment-intents/verifying-status), with a look-up every few hours in case it
//   never comes;
// - tax: with automatic tax on, a Stripe Tax calculation for the customer (whose address their Checkout saved) sets
//   the amount, and the PaymentIntent is linked to it (`hooks[inputs][tax][calculation]`), so Stripe records the tax
//   transaction and shows the tax on the receipt (docs.stripe.com/tax/payment-intent) — the same tax as at Checkout;
// - errors by what they mean: a card the bank refused pauses it and mails the customer; no answer, 409, 429 or 5xx
//   is tried again; anything else Stripe refused (400, 401, 403, an idempotency conflict) also pauses it with the
//   reason logged, audited and shown in the console, instead of blocking every later top-up in silence.
import type { BatchStatement } from '../db/index.ts';
import {
  linkStripeIdsStatement,
  markSettlingStatement,
  type OrderSnapshot,
  snapshotMetadata,
} from '../orders/index.ts';
import type { Services } from '../services/index.ts';
import type { AutoTopUpPause } from '../shared/refill.ts';
import { cardRefusal, mayRetry, type Stripe, StripeError } from '../stripe/index.ts';
import { HOUR_MS, MINUTE_MS } from '../time.ts';
import { CHARGE_METADATA_KEY, chargeFailedPlan, chargePaidPlan, pauseReasonOf } from './intents.ts';
import { sendPausedNoticeOnce } from './notice.ts';
import { type AutoTopUpChargeRow, chargeProcessingStatement, keepTaxCalculation } from './store.ts';

export type RefillServices = Pick<Services, 'db' | 'config' | 'stripe' | 'mail' | 'log' | 'clock'>;

/** A charge whose Stripe answer is not known is checked again this long after it was sent. */
export const ANSWER_LOST_AFTER_MS = 2 * MINUTE_MS;
/** A debit still processing is looked up this often, in case its webhook never comes. */
export const PROCESSING_CHECK_MS = 6 * HOUR_MS;
/** Stripe keeps an idempotency key at least 24 h: the same request is sent again only within this (with a margin). */
export const KEY_KEPT_MS = 23 * HOUR_MS;

export type ChargeResult = 'charged' | 'paused' | 'pending';

const idempotencyKeyOf = (c: Pick<AutoTopUpChargeRow, 'customerId' | 'period' | 'count'>) =>
  `auto-top-up-${c.customerId}-${c.period}-${c.count}`;

/** Pauses auto top-up for this charge (its order fails) and mails the customer once. */
export async function failCharge(
  services: RefillServices,
  charge: AutoTopUpChargeRow,
  reason: AutoTopUpPause,
  paymentIntentId: string | null,
  detail: Record<string, unknown> = {},
): Promise<'paused'> {
  const { db, clock } = services;
  await db.batch(chargeFailedPlan(db, charge, reason, paymentIntentId, clock.now(), detail));
  await sendPausedNoticeOnce(services, charge.id);
  return 'paused';
}

/** The charge's tax from a Stripe Tax calculation (kept on the charge, so every retry sends the same request). */
async function withTax(services: RefillServices, charge: AutoTopUpChargeRow, stripeCustomer: string) {
  if (!services.config.checkout.automaticTax || charge.taxCalculationId) return charge;
  const calculation = await services.stripe.tax.calculations.create(
    {
      currency: charge.currency,
      customer: stripeCustomer,
      line_items: [{ amount: charge.amount, reference: charge.orderId ?? charge.id, tax_behavior: 'exclusive' }],
    },
    { idempotencyKey: `tax-${charge.id}` },
  );
  // Stripe names the calculation it keeps (for 90 days); one without an id could not be linked to the payment.
  if (!calculation.id) throw new Error('Stripe Tax answered a calculation without an id');
  const kept = await keepTaxCalculation(services.db, charge.id, {
    id: calculation.id,
    tax: calculation.tax_amount_exclusive,
  });
  return kept ?? charge;
}

/** Records what Stripe says of the charge's PaymentIntent, from its answer or a look-up. */
export async function applyIntent(
  services: RefillServices,
  charge: AutoTopUpChargeRow,
  intent: Stripe.PaymentIntent,
): Promise<ChargeResult> {
  const { db, clock } = services;
  const now = clock.now();
  if (intent.status === 'succeeded') {
    const paid = await chargePaidPlan(db, intent, charge, now, now, { via: 'auto top-up, Stripe answer' });
    if (paid) await db.batch(paid.statements as [BatchStatement, ...BatchStatement[]]);
    return 'charged';
  }
  if (intent.status === 'processing') {
    // The order's GB stay reserved while the bank settles it (as a Checkout's delayed payment does).
    const order = charge.orderId
      ? [linkStripeIdsStatement(db, charge.orderId, null, intent.id), markSettlingStatement(db, charge.orderId)]
      : [];
    await db.batch([chargeProcessingStatement(db, charge.id, intent.id, now + PROCESSING_CHECK_MS), ...order]);
    return 'pending';
  }
  return failCharge(services, charge, pauseReasonOf(intent.last_payment_error), intent.id, { status: intent.status });
}

/** What a failed call means for the charge: paused (a refusal), or left for the next check (no answer). */
async function chargeError(services: RefillServices, charge: AutoTopUpChargeRow, err: unknown): Promise<ChargeResult> {
  const refused = cardRefusal(err);
  if (refused)
    return failCharge(
      services,
      charge,
      pauseReasonOf({ code: refused.code, decline_code: refused.declineCode }),
      refused.paymentIntentId,
    );
  if (mayRetry(err) || !(err instanceof StripeError)) {
    services.log.warn('auto top-up charge not answered; checked again by a later cron run', {
      chargeId: charge.id,
      err,
    });
    return 'pending';
  }
  const stripeError = {
    type: err.type,
    statusCode: err.statusCode,
    code: err.code,
    param: err.param,
    message: err.message,
  };
  services.log.error('auto top-up charge refused by Stripe; paused', { chargeId: charge.id, ...stripeError });
  return failCharge(services, charge, 'payment_failed', err.paymentIntentId, { stripeError });
}

/** Sends the charge's one create-and-confirm (again, with the same key and parameters, when its answer was lost). */
export async function sendCharge(
  services: RefillServices,
  charge: AutoTopUpChargeRow,
  snapshot: OrderSnapshot,
  stripeCustomer: string,
  paymentMethod: string,
): Promise<ChargeResult> {
  try {
    const taxed = await withTax(services, charge, stripeCustomer);
    const intent = await services.stripe.paymentIntents.create(
      {
        amount: taxed.amount + taxed.tax,
        currency: taxed.currency,
        customer: stripeCustomer,
        payment_method: paymentMethod,
        off_session: true,
        confirm: true,
        description: `${services.config.brand.name} — ${snapshot.tierName} (auto top-up)`,
        metadata: { ...snapshotMetadata(snapshot), [CHARGE_METADATA_KEY]: charge.id },
        ...(taxed.taxCalculationId ? { hooks: { inputs: { tax: { calculation: taxed.taxCalculationId } } } } : {}),
      },
      { idempotencyKey: idempotencyKeyOf(charge) },
    );
    return await applyIntent(services, taxed, intent);
  } catch (err) {
    return chargeError(services, charge, err);
  }
}

/** The charge's PaymentIntent if Stripe made one: the customer's recent ones, by the charge id in their metadata. */
export async function findIntentOf(
  services: RefillServices,
  charge: AutoTopUpChargeRow,
  stripeCustomer: string,
): Promise<Stripe.PaymentIntent | undefined> {
  // A few minutes before the charge was reserved, in case Stripe's clock runs ahead of ours.
  const created = { gte: Math.floor(charge.createdAt / 1000) - 300 };
  let startingAfter: string | undefined;
  for (let page = 0; page < 10; page++) {
    const list = await services.stripe.paymentIntents.list({
      customer: stripeCustomer,
      created,
      limit: 100,
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    const found = list.data.find((pi) => pi.metadata?.[CHARGE_METADATA_KEY] === charge.id);
    if (found || !list.has_more) return found;
    startingAfter = list.data.at(-1)?.id;
  }
  return undefined;
}
