// Auto top-up test helpers: a subscriber whose Checkout saved a card, what the Stripe simulator made for them, and
// what the bank says to their next off-session charges.
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import type { AutoTopUpView } from '../../src/shared/refill.ts';
import { buyTier, call, customerIdOf, keysOf, signIn, sim } from '../support/index.ts';

export const GB = 1024;

export interface SimIntent {
  id: string;
  status: string;
  customer: string;
  amount: number;
  payment_method: string | null;
  metadata: Record<string, string>;
}

/** The off-session PaymentIntents the Stripe simulator made for this Stripe customer. */
export async function offSessionIntents(stripeCustomer: string): Promise<SimIntent[]> {
  return (await sim<SimIntent[]>('/_sim/stripe/payment_intents')).filter(
    (pi) => pi.customer === stripeCustomer && pi.metadata.shop_auto_top_up_charge,
  );
}

export async function stripeCustomerOf(customerId: string): Promise<string> {
  const row = await env.DB.prepare('select stripe_customer_id as id from customers where id = ?')
    .bind(customerId)
    .first<{ id: string }>();
  return row!.id;
}

export type BankAnswer = 'succeeded' | 'authentication_required' | 'soft_decline' | 'card_declined' | 'processing';

export function bankSays(outcome: BankAnswer, customer: string) {
  return sim('/_sim/stripe/off-session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome, customer }),
  });
}

/** Moves the Stripe simulator's clock (idempotency keys age, sessions expire). */
export function advanceStripeClock(hours: number) {
  return sim('/_sim/stripe/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceHours: hours }),
  });
}

/** The bank settles a processing debit. */
export function settleDebit(intentId: string, outcome: 'succeeded' | 'failed') {
  return sim<{ events: { id: string; type: string }[] }>(`/_sim/stripe/payment_intents/${intentId}/settle`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome }),
  });
}

/** Every webhook delivery of one PaymentIntent's events of a type. */
export async function intentDeliveries(intentId: string, type: string) {
  const events = await sim<{ id: string; type: string; data: { object: { id: string } } }[]>('/_sim/stripe/events');
  const mine = events.filter((e) => e.type === type && e.data.object.id === intentId);
  const found = [];
  for (const event of mine)
    found.push(
      ...(await sim<{ payload: string; signature: string; id: string; eventId: string; type: string }[]>(
        `/_sim/stripe/deliveries?eventId=${event.id}`,
      )),
    );
  return found;
}

export const view = async (cookie: string) => (await call('/api/auto-top-up', { cookie })).json<AutoTopUpView>();

export async function turnOn(cookie: string, choice: Record<string, unknown> = {}) {
  const res = await call('/api/auto-top-up', {
    method: 'PUT',
    json: { tierId: 'pro', trigger: 'gb_left', threshold: 2, monthlyLimit: 20_000, ...choice },
    cookie,
  });
  expect(res.status).toBe(200);
  return res.json<AutoTopUpView>();
}

/** A customer with auto top-up on who bought Pro (10 GB): their Checkout saved the card. */
export async function subscriber(email: string, choice: Record<string, unknown> = {}) {
  const cookie = await signIn(email);
  const id = await customerIdOf(email);
  await turnOn(cookie, choice);
  await buyTier(cookie, id, 'pro');
  const [key] = await keysOf(id);
  return { cookie, id, upstreamId: key!.upstream_id!, stripeCustomer: await stripeCustomerOf(id) };
}

export const capOf = async (id: string) =>
  (await env.DB.prepare("select cap_gb from pool_keys where customer_id = ? and state = 'current'")
    .bind(id)
    .first<{ cap_gb: number }>())!.cap_gb;
