// Buying through the real billing path: the Worker's checkout → the Stripe simulator's payment → the signed webhook
// posted to the Worker → the reconcile's key on the Proxies.sx simulator.
import { expect } from 'vitest';
import { settled } from './keys.ts';
import { customerIdOf } from './rows.ts';
import { signIn } from './sign-in.ts';
import { type SimKey, upstreamKey } from './sim.ts';
import { deliver, deliverEachEvent, onlyDelivery, stripeAct } from './stripe.ts';
import { call } from './worker.ts';

/** POST /api/checkout as the signed-in customer; returns the Checkout Session id from the returned URL. */
export async function startCheckout(cookie: string, tierId: string, shopEnv?: Env): Promise<string> {
  const res = await call('/api/checkout', { json: { tierId }, cookie, env: shopEnv });
  expect(res.status, await res.clone().text()).toBe(200);
  const { url } = await res.json<{ url: string }>();
  return new URL(url).pathname.split('/').pop() ?? '';
}

/** Pays the session in the Stripe simulator and delivers its signed `checkout.session.completed`. */
export async function pay(sessionId: string): Promise<void> {
  await stripeAct(sessionId, 'pay');
  expect((await deliver(await onlyDelivery(sessionId, 'checkout.session.completed'))).status).toBe(200);
}

/** Checkout and payment of `tierId` (its completed event delivered); returns the Checkout Session id. */
export async function buy(cookie: string, tierId: string): Promise<string> {
  const sessionId = await startCheckout(cookie, tierId);
  await pay(sessionId);
  return sessionId;
}

/** Buys a tier end to end: checkout, paid in the simulator (`bank`: how the bank answers), every event of it delivered,
 * the key reconciled. */
export async function buyTier(cookie: string, customerId: string, tierId: string, bank: object = {}): Promise<string> {
  const sessionId = await startCheckout(cookie, tierId);
  await deliverEachEvent((await stripeAct(sessionId, 'pay', bank)).events);
  await settled(customerId);
  return sessionId;
}

/** Signs `email` in, buys `tierId` and waits for the key; returns the cookie, customer id and the upstream key. */
export async function customerWithKey(
  email: string,
  tierId = 'pro',
): Promise<{ cookie: string; customerId: string; key: SimKey }> {
  const cookie = await signIn(email);
  await buy(cookie, tierId);
  const customerId = await customerIdOf(email);
  const key = await upstreamKey((await settled(customerId))?.upstream_id);
  if (!key) throw new Error('no upstream key after the purchase');
  return { cookie, customerId, key };
}
