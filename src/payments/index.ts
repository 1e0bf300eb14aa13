// Payments: what Stripe tells the shop about money — the verified webhook's events (Checkout Sessions, refunds,
// disputes; PaymentIntents are auto top-up's, src/refill/) planned into one D1 batch each, the same recording for a
// session the shop asked Stripe about, and the follow-up after the answer.
export { followUp } from './follow-up.ts';
export { applyRetrievedSession } from './sessions.ts';
export { receiveStripeEvent } from './webhook.ts';
