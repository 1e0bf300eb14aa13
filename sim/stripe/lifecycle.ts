// How checkout sessions and their charges change state, each change emitting its event: pay (or complete without
// payment when nothing is due), pay asynchronously then settle, expire (at expires_at on Stripe's clock, or asked to).
// Shared by the API, the hosted page and the test controls.
import { nowSeconds, whenTimePasses } from './clock.ts';
import { emit, type SimEvent } from './delivery.ts';
import {
  chargeByIntent,
  charges,
  paymentIntents,
  paymentMethods,
  publicSession,
  type SimCharge,
  type SimPaymentIntent,
  type SimPaymentMethod,
  type SimSession,
  sessions,
  stripeId,
} from './objects.ts';
import { rememberTaxLocation } from './tax.ts';

/** A change the object's state does not allow (Stripe answers 400; the controls 409). */
export class SimStateError extends Error {}

export function sessionOr404(id: string): SimSession {
  const session = sessions.get(id);
  if (!session) throw new SimStateError(`No such checkout.session: '${id}'`);
  return session;
}

function requireOpen(session: SimSession): void {
  if (session.status !== 'open')
    throw new SimStateError(`Checkout session ${session.id} is ${session.status}, not open.`);
}

/** A charge of a payment intent (its metadata is copied to the charge, as Stripe does). */
export function chargeIntent(intent: SimPaymentIntent, paid: boolean): SimCharge {
  const charge: SimCharge = {
    id: stripeId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: paid ? intent.amount : 0,
    amount_refunded: 0,
    captured: paid,
    created: nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    disputed: false,
    livemode: false,
    metadata: { ...intent.metadata },
    paid,
    payment_intent: intent.id,
    refunded: false,
    status: paid ? 'succeeded' : 'failed',
  };
  charges.set(charge.id, charge);
  chargeByIntent.set(intent.id, charge.id);
  intent.latest_charge = charge.id;
  if (paid) {
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
  }
  return charge;
}

/** A saved card attached to the customer (Checkout with `setup_future_usage`). */
export function saveCard(customer: string | null): SimPaymentMethod {
  const method: SimPaymentMethod = {
    id: stripeId('pm'),
    object: 'payment_method',
    card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: new Date().getUTCFullYear() + 3 },
    created: nowSeconds(),
    customer,
    livemode: false,
    type: 'card',
  };
  paymentMethods.set(method.id, method);
  return method;
}

function intentOfSession(session: SimSession): SimPaymentIntent {
  const intent: SimPaymentIntent = {
    id: stripeId('pi'),
    object: 'payment_intent',
    amount: session.amount_total,
    hooks: null,
    amount_received: 0,
    created: nowSeconds(),
    currency: session.currency,
    customer: session.customer,
    description: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: { ...session._paymentIntentMetadata },
    payment_method: session._setupFutureUsage ? saveCard(session.customer).id : null,
    setup_future_usage: session._setupFutureUsage,
    status: 'processing',
  };
  paymentIntents.set(intent.id, intent);
  return intent;
}

function intentOf(session: SimSession): SimPaymentIntent {
  const intent = session.payment_intent ? paymentIntents.get(session.payment_intent) : undefined;
  if (!intent) throw new SimStateError(`Checkout session ${session.id} has no payment intent yet.`);
  return intent;
}

/** What the customer pays on top of or off the list price: a promotion code's amount off, and tax (percent). */
export interface Adjustments {
  discount?: number;
  taxPercent?: number;
}

/** Applies a promotion code and tax to the session's totals, as far as the session allows them. */
function adjust(session: SimSession, { discount = 0, taxPercent }: Adjustments): number {
  if (discount > 0 && !session.allow_promotion_codes)
    throw new SimStateError(`Checkout session ${session.id} does not allow promotion codes.`);
  if (taxPercent !== undefined && taxPercent > 0 && !session.automatic_tax.enabled)
    throw new SimStateError(`Checkout session ${session.id} does not collect tax (automatic_tax is off).`);
  const off = Math.min(Math.max(0, Math.round(discount)), session.amount_subtotal);
  const percent = session.automatic_tax.enabled ? (taxPercent ?? SIM_TAX_PERCENT) : 0;
  const tax = Math.round(((session.amount_subtotal - off) * percent) / 100);
  session.total_details = { amount_discount: off, amount_shipping: 0, amount_tax: tax };
  session.amount_total = session.amount_subtotal - off + tax;
  return percent;
}

/** The tax rate the simulator charges when automatic tax is on and a test names none. */
export const SIM_TAX_PERCENT = 20;

/**
 * The customer finishes the page. A no-cost order (docs.stripe.com/payments/checkout/no-cost-orders: a 100 %-off code,
 * or an amount-off code "equal to or exceeding the Checkout Session total") completes with payment_status
 * `no_payment_required` and no PaymentIntent: "if the total amount is 0, Checkout doesn't collect a payment method".
 * With automatic tax and `customer_update[address]=auto` the address collected is saved on the customer, where
 * Stripe Tax finds it later (docs.stripe.com/tax/checkout).
 */
function complete(session: SimSession, paymentStatus: 'paid' | 'unpaid', adjustments: Adjustments): SimEvent[] {
  requireOpen(session);
  const taxPercent = adjust(session, adjustments);
  session.status = 'complete';
  session.url = null;
  if (session.automatic_tax.enabled && session.customer) rememberTaxLocation(session.customer, taxPercent);
  if (session.amount_total === 0) {
    session.payment_status = 'no_payment_required';
    if (session.invoice_creation?.enabled) session.invoice = stripeId('in');
    return [emit('checkout.session.completed', publicSession(session))];
  }
  session.payment_status = paymentStatus;
  const intent = intentOfSession(session);
  session.payment_intent = intent.id;
  if (paymentStatus !== 'paid') return [emit('checkout.session.completed', publicSession(session))];
  chargeIntent(intent, true);
  if (session.invoice_creation?.enabled) session.invoice = stripeId('in');
  return [emit('checkout.session.completed', publicSession(session)), emit('payment_intent.succeeded', intent)];
}

export function pay(session: SimSession, adjustments: Adjustments = {}): SimEvent[] {
  return complete(session, 'paid', adjustments);
}

export function startAsync(session: SimSession, adjustments: Adjustments = {}): SimEvent[] {
  return complete(session, 'unpaid', adjustments);
}

export function settle(session: SimSession, outcome: 'succeeded' | 'failed'): SimEvent[] {
  if (session.status !== 'complete' || session.payment_status !== 'unpaid')
    throw new SimStateError(
      `Checkout session ${session.id} has no async payment waiting (status ${session.status}, payment ${session.payment_status}).`,
    );
  const intent = intentOf(session);
  if (outcome === 'succeeded') {
    session.payment_status = 'paid';
    chargeIntent(intent, true);
    return [
      emit('checkout.session.async_payment_succeeded', publicSession(session)),
      emit('payment_intent.succeeded', intent),
    ];
  }
  chargeIntent(intent, false);
  intent.status = 'requires_payment_method';
  return [emit('checkout.session.async_payment_failed', publicSession(session))];
}

export function expire(session: SimSession): SimEvent[] {
  requireOpen(session);
  session.status = 'expired';
  session.url = null;
  return [emit('checkout.session.expired', publicSession(session))];
}

// "Checkout Sessions expire … at expires_at" (docs.stripe.com/api/checkout/sessions/object): an open session whose
// time has come on Stripe's clock expires, whatever the customer did (Cancel on the page only leaves it).
whenTimePasses(() => {
  const now = nowSeconds();
  for (const session of sessions.values()) if (session.status === 'open' && session.expires_at <= now) expire(session);
});

export function chargeOfSession(session: SimSession): SimCharge {
  const chargeId = session.payment_intent ? chargeByIntent.get(session.payment_intent) : undefined;
  const charge = chargeId ? charges.get(chargeId) : undefined;
  if (!charge?.paid) throw new SimStateError(`Checkout session ${session.id} has no paid charge to refund.`);
  return charge;
}
