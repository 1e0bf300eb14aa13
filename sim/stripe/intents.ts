// Off-session PaymentIntents: the shop charges a saved card with `confirm: true, off_session: true`. What the bank
// says is chosen per test with POST /_sim/stripe/off-session: success, `authentication_required` (the PaymentIntent
// waits in `requires_action`) or `card_declined` (back to `requires_payment_method`); both failures answer 402
// `card_error` with the PaymentIntent, as Stripe does, and emit `payment_intent.payment_failed`.
import { onReset } from '../state.ts';
import { nowSeconds } from './clock.ts';
import { emit } from './delivery.ts';
import { type FormParams, int, metadata, ParamError, requiredStr, str } from './form.ts';
import { chargeIntent } from './lifecycle.ts';
import { customers, paymentIntents, paymentMethods, type SimPaymentIntent, stripeId } from './objects.ts';

export type OffSessionOutcome = 'succeeded' | 'authentication_required' | 'card_declined';

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
  card_declined: {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
  },
} as const;

/** POST /v1/payment_intents with confirm + off_session on a card saved to the customer. */
export function createOffSessionIntent(params: FormParams): SimPaymentIntent {
  const customer = requiredStr(params, 'customer');
  if (!customers.has(customer)) throw new ParamError('customer', `No such customer: '${customer}'`);
  const methodId = requiredStr(params, 'payment_method');
  const method = paymentMethods.get(methodId);
  if (!method) throw new ParamError('payment_method', `No such PaymentMethod: '${methodId}'`);
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
  if (outcome === 'succeeded') {
    chargeIntent(intent, true);
    emit('payment_intent.succeeded', intent);
    return structuredClone(intent);
  }
  intent.last_payment_error = { ...FAILURES[outcome] };
  intent.status = outcome === 'authentication_required' ? 'requires_action' : 'requires_payment_method';
  if (outcome === 'card_declined') chargeIntent(intent, false);
  emit('payment_intent.payment_failed', intent);
  throw new SimCardError(structuredClone(intent));
}
