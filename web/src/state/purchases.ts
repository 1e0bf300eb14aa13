// The customer's purchases: the history, starting a Stripe Checkout, and one Checkout's order while it is fulfilled.
import { api, read } from '../api.ts';
import { shopConfig } from './config.ts';

export async function listPurchases() {
  return (await read(api.purchases.$get())).purchases;
}

/** The Stripe Checkout page to send the customer to, for a tier from the config (never a price). */
export async function startCheckout(tierId: string): Promise<string> {
  // In the currency the page showed the price in.
  return (await read(api.checkout.$post({ json: { tierId, currency: shopConfig().currency } }))).url;
}

export async function checkoutOrder(sessionId: string) {
  return (await read(api.orders[':sessionId'].$get({ param: { sessionId } }))).order;
}
