// Off-session PaymentIntents: the shop charges a saved payment method with `confirm: true, off_session: true`. What
// the bank says is chosen per test with POST /_sim/stripe/off-session:
// - `succeeded`;
// - `authentication_required` (the issuer wants 3D Secure) and `soft_decline` (`card_declined` with decline code
//   `authentication_required`, docs.stripe.com/declines/codes): "Off-session PaymentIntents that fail confirmation due
//   to SCA requirements have a status of requires_payment_method" (support.stripe.com/questions/manual-confirmation-
//   for-off-session-payments-requiring-strong-customer-authentication-sca);
// - `card_declined` (back to `requires_payment_method`);
// all three failures answer 402 `card_error` with the PaymentIntent, as Stripe does, and emit
// `payment_intent.payment_failed`;
// - `processing`: a bank debit (SEPA, ACH, BACS) "can take up to a few days to process"
//   (docs.stripe.com/payments/paymentintents/lifecycle): answered 200 `processing` with `payment_intent.processing`,
//   then settled by POST /_sim/stripe/payment_intents/:id/settle.
import { onReset } from '../state.ts';
import { nowSeconds } from './clock.ts';
import { emit, type SimEvent } from './delivery.ts';
import { type FormParams, type FormValue, int, metadata, ParamError, requiredStr, str } from './form.ts';
import { chargeIntent, SimStateError } from './lifecycle.ts';
import { customerOr400, listPage, paymentIntents, paymentMethods, type SimPaymentIntent, stripeId } from './objects.ts';
import { commitTax, linkedCalculation } from './tax.ts';

export type OffSessionOutcome =
  | 'succeeded'
  | 'authentication_required'
  | 'soft_decline'
  | 'card_declined'
  | 'processing';
export const OFF_SESSION_OUTCOMES: OffSessionOutcome[] = [
  'succeeded',
  'authentication_required',
  'soft_decline',
  'card_declined',
  'processing',
];

/** Outcome per Stripe customer ('*': everyone else); success unless a test says otherwise. */
const outcomes = new Map<string, OffSessionOutcome>();
onReset(() => outcomes.clear());

export function setOffSessionOutcome(outcome: OffSessionOutcome, customer = '*'): void {
  outcomes.set(customer, outcome);
}

/** A declined or unauthenticated card: Stripe answers 402 with the error and the PaymentIntent. */
export class SimCardError extends Error {
  readonly intent: SimPaymentIntent;
  constructor(intent: SimPaymentIntent) {
    super(intent.last_payment_error?.message ?? 'Your card was declined.');
    this.intent = intent;
  }
}

const FAILURES = {
  authentication_required: {
    type: 'card_error',
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
  soft_decline: {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
  card_declined: {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
  },
} as const;

/** A bank debit that did not go through (docs.stripe.com/payments/sepa-debit: failures arrive days later). */
const DEBIT_FAILED = {
  type: 'card_error',
  code: 'payment_intent_payment_attempt_failed',
  decline_code: 'insufficient_funds',
  message: 'The payment failed: the bank returned the debit.',
} as const;

function hooksOf(value: FormValue | undefined): SimPaymentIntent['hooks'] {
  const calculation = (value as { inputs?: { tax?: { calculation?: unknown } } } | undefined)?.inputs?.tax?.calculation;
  return typeof calculation === 'string' && calculation
    ? { inputs: { tax: { calculation: linkedCalculation(calculation) } } }
    : null;
}

/** The PaymentIntent's money arrived: charged, its tax transaction committed, `payment_intent.succeeded`. */
function succeed(intent: SimPaymentIntent): SimEvent {
  chargeIntent(intent, true);
  if (intent.hooks) commitTax(intent.hooks.inputs.tax.calculation, intent.id);
  return emit('payment_intent.succeeded', intent);
}

/** POST /v1/payment_intents with confirm + off_session on a payment method saved to the customer. */
export function createOffSessionIntent(params: FormParams): SimPaymentIntent {
  const customer = requiredStr(params, 'customer');
  customerOr400(customer);
  const methodId = requiredStr(params, 'payment_method');
  const method = paymentMethods.get(methodId);
  if (!method) throw new ParamError('payment_method', `No such PaymentMethod: '${methodId}'`, 'resource_missing');
  if (method.customer !== customer)
    throw new ParamError('payment_method', 'The provided PaymentMethod is not attached to this customer.');
  if (str(params, 'confirm') !== 'true' || str(params, 'off_session') !== 'true')
    throw new ParamError(
      'off_session',
      'The simulator creates PaymentIntents with confirm=true and off_session=true only.',
    );
  const currency = requiredStr(params, 'currency');
  const amount = int(params.amount, 'amount');
  if (amount < 50) throw new ParamError('amount', 'Amount must be at least $0.50 usd');
  const intent: SimPaymentIntent = {
    id: stripeId('pi'),
    object: 'payment_intent',
    amount,
    hooks: hooksOf(params.hooks),
    amount_received: 0,
    created: nowSeconds(),
    currency,
    customer,
    description: str(params, 'description'),
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: metadata(params.metadata),
    payment_method: methodId,
    setup_future_usage: null,
    status: 'processing',
  };
  paymentIntents.set(intent.id, intent);
  const outcome = outcomes.get(customer) ?? outcomes.get('*') ?? 'succeeded';
  if (outcome === 'processing') {
    emit('payment_intent.processing', intent);
    return structuredClone(intent);
  }
  if (outcome === 'succeeded') {
    succeed(intent);
    return structuredClone(intent);
  }
  intent.last_payment_error = { ...FAILURES[outcome] };
  intent.status = 'requires_payment_method';
  if (outcome === 'card_declined') chargeIntent(intent, false);
  emit('payment_intent.payment_failed', intent);
  throw new SimCardError(structuredClone(intent));
}

/** The bank answers a `processing` debit: the money arrives, or the debit is returned. */
export function settleIntent(intent: SimPaymentIntent, outcome: 'succeeded' | 'failed'): SimEvent[] {
  if (intent.status !== 'processing')
    throw new SimStateError(`PaymentIntent ${intent.id} is ${intent.status}, not processing.`);
  if (outcome === 'succeeded') return [succeed(intent)];
  chargeIntent(intent, false);
  intent.status = 'requires_payment_method';
  intent.last_payment_error = { ...DEBIT_FAILED };
  return [emit('payment_intent.payment_failed', intent)];
}

/** GET /v1/payment_intents: newest first, by customer and creation time. */
export function listIntents(params: FormParams) {
  const customer = str(params, 'customer');
  const created = (params.created ?? {}) as Record<string, FormValue>;
  const bound = (name: string) => (created[name] === undefined ? null : int(created[name], `created[${name}]`));
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  const matching = [...paymentIntents.values()].filter(
    (pi) =>
      (!customer || pi.customer === customer) &&
      (gt === null || pi.created > gt) &&
      (gte === null || pi.created >= gte) &&
      (lt === null || pi.created < lt) &&
      (lte === null || pi.created <= lte),
  );
  return listPage(matching.reverse(), params, '/v1/payment_intents');
}
