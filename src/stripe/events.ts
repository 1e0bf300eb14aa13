// The Stripe events the shop's webhook acts on, by the part of the shop that plans them: the contract of its webhook
// endpoint (`npm run stripe:webhook` subscribes to exactly these). Each name is checked against the pinned API
// version's event types. Pure: no Worker bindings, so the command can import it.
import type Stripe from 'stripe';

/** Checkout Sessions: payments/sessions.ts. */
export const SESSION_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
] as const satisfies readonly Stripe.Event.Type[];

/** Refunds, one refund object each: payments/refunds.ts. */
export const REFUND_EVENTS = [
  'refund.created',
  'refund.updated',
  'refund.failed',
] as const satisfies readonly Stripe.Event.Type[];

/** Disputes, each event carrying the dispute's latest state: payments/disputes.ts. */
export const DISPUTE_EVENTS = [
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
] as const satisfies readonly Stripe.Event.Type[];

/** Auto top-up's off-session charges (and a card a Checkout saved): refill/intents.ts. */
export const INTENT_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
] as const satisfies readonly Stripe.Event.Type[];

/** Every event the webhook acts on. */
export const WEBHOOK_EVENTS = [...SESSION_EVENTS, ...REFUND_EVENTS, ...DISPUTE_EVENTS, ...INTENT_EVENTS].sort();

/** Whether `type` is one of `types` (an event's type is any string until checked). */
export const isOneOf = (types: readonly string[], type: string) => types.includes(type);
