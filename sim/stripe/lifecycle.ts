// How checkout sessions, charges and refunds change state, each change emitting its event: pay, pay
// asynchronously then settle, expire, refund. Shared by the API, the hosted page and the test controls.
import { nowSeconds } from './clock.ts';
import { emit, type SimEvent } from './delivery.ts';
import {
  chargeByIntent,
  chargeRefundable,
  charges,
  publicSession,
  refunds,
  type SimCharge,
  type SimRefund,
  type SimSession,
  sessions,
  stripeId,
} from './objects.ts';

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

function createCharge(session: SimSession, paid: boolean): SimCharge {
  const intent = session.payment_intent;
  if (!intent) throw new SimStateError(`Checkout session ${session.id} has no payment intent yet.`);
  const charge: SimCharge = {
    id: stripeId('ch'),
    object: 'charge',
    amount: session.amount_total,
    amount_captured: paid ? session.amount_total : 0,
    amount_refunded: 0,
    captured: paid,
    created: nowSeconds(),
    currency: session.currency,
    customer: session.customer,
    disputed: false,
    livemode: false,
    // The PaymentIntent's metadata is copied to its charge.
    metadata: { ...session._paymentIntentMetadata },
    paid,
    payment_intent: intent,
    refunded: false,
    status: paid ? 'succeeded' : 'failed',
  };
  charges.set(charge.id, charge);
  chargeByIntent.set(intent, charge.id);
  return charge;
}

function complete(session: SimSession, paymentStatus: 'paid' | 'unpaid'): SimEvent {
  requireOpen(session);
  session.status = 'complete';
  session.payment_status = paymentStatus;
  session.payment_intent = stripeId('pi');
  session.url = null;
  if (paymentStatus === 'paid') createCharge(session, true);
  return emit('checkout.session.completed', publicSession(session));
}

export function pay(session: SimSession): SimEvent[] {
  return [complete(session, 'paid')];
}

export function startAsync(session: SimSession): SimEvent[] {
  return [complete(session, 'unpaid')];
}

export function settle(session: SimSession, outcome: 'succeeded' | 'failed'): SimEvent[] {
  if (session.status !== 'complete' || session.payment_status !== 'unpaid')
    throw new SimStateError(
      `Checkout session ${session.id} has no async payment waiting (status ${session.status}, payment ${session.payment_status}).`,
    );
  if (outcome === 'succeeded') {
    session.payment_status = 'paid';
    createCharge(session, true);
    return [emit('checkout.session.async_payment_succeeded', publicSession(session))];
  }
  createCharge(session, false);
  return [emit('checkout.session.async_payment_failed', publicSession(session))];
}

export function expire(session: SimSession): SimEvent[] {
  requireOpen(session);
  session.status = 'expired';
  session.url = null;
  return [emit('checkout.session.expired', publicSession(session))];
}

export function refund(
  charge: SimCharge,
  amount: number | null,
  reason: string | null,
  metadata: Record<string, string> = {},
): { refund: SimRefund; event: SimEvent } {
  if (!charge.paid) throw new SimStateError(`Charge ${charge.id} was not paid.`);
  if (!chargeRefundable(charge))
    throw new SimStateError(`Charge ${charge.id} has been charged back; cannot issue a refund.`);
  const left = charge.amount - charge.amount_refunded;
  const value = amount ?? left;
  if (value <= 0 || value > left)
    throw new SimStateError(`Refund amount (${value}) is greater than unrefunded amount on charge (${left}).`);
  const created: SimRefund = {
    id: stripeId('re'),
    object: 'refund',
    amount: value,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    metadata,
    payment_intent: charge.payment_intent,
    reason,
    status: 'succeeded',
  };
  refunds.set(created.id, created);
  charge.amount_refunded += value;
  charge.refunded = charge.amount_refunded === charge.amount;
  return { refund: created, event: emit('charge.refunded', charge) };
}

export function chargeOfSession(session: SimSession): SimCharge {
  const chargeId = session.payment_intent ? chargeByIntent.get(session.payment_intent) : undefined;
  const charge = chargeId ? charges.get(chargeId) : undefined;
  if (!charge?.paid) throw new SimStateError(`Checkout session ${session.id} has no paid charge to refund.`);
  return charge;
}
