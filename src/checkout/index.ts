// Checkout: a customer buys one tier — its GB reserved under the cap ceiling, a Stripe Checkout Session made — and
// the success page follows the order to their key.
export { CheckoutError, checkoutReads, startCheckout } from './start.ts';
export { orderReads, orderStatus } from './status.ts';
