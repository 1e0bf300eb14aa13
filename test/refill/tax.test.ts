// Tax on auto top-ups: with CHECKOUT_AUTOMATIC_TAX on, a Checkout purchase is taxed by Stripe Tax, and so is every
// auto top-up after it. The off-session charge's amount comes from a Stripe Tax calculation for the customer's
// address (the one their Checkout saved), the PaymentIntent is linked to it so Stripe records the tax transaction,
// and the order and the receipt show the same tax as the Checkout purchase of that tier.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  count,
  customerIdOf,
  deliverEachEvent,
  fireCron,
  keysOf,
  resetSimulators,
  settled,
  setUsage,
  signIn,
  sim,
  stripeAct,
  waitForMailAbout,
} from '../support/index.ts';
import { GB, intentDeliveries, offSessionIntents, stripeCustomerOf, turnOn, view } from './support.ts';

const withTax = { ...env, CHECKOUT_AUTOMATIC_TAX: 'true' } as unknown as Env;

interface OrderRow {
  price: number;
  discount: number;
  tax: number;
  status: string;
}

const ordersOf = async (customerId: string) =>
  (
    await env.DB.prepare('select price, discount, tax, status from orders where customer_id = ? order by created_at')
      .bind(customerId)
      .all<OrderRow>()
  ).results;

/** Pro bought through a taxed Checkout (20 % where this customer lives), the card saved for auto top-up. */
async function taxedSubscriber(email: string, taxPercent = 20) {
  const cookie = await signIn(email);
  const id = await customerIdOf(email);
  await turnOn(cookie);
  const res = await call('/api/checkout', { json: { tierId: 'pro' }, cookie, env: withTax });
  expect(res.status).toBe(200);
  const sessionId = new URL((await res.json<{ url: string }>()).url).pathname.split('/').pop()!;
  await deliverEachEvent((await stripeAct(sessionId, 'pay', { taxPercent })).events, withTax);
  await settled(id);
  const [key] = await keysOf(id);
  return { cookie, id, upstreamId: key!.upstream_id!, stripeCustomer: await stripeCustomerOf(id) };
}

beforeEach(resetSimulators);

describe('auto top-up with automatic tax', () => {
  it('charges the same tax as a Checkout purchase of the tier, linked to Stripe Tax, and the receipt shows it', async () => {
    const email = 'atu-tax@example.com';
    const { cookie, id, upstreamId, stripeCustomer } = await taxedSubscriber(email);
    const [checkout] = await ordersOf(id);
    expect(checkout).toEqual({ price: 6900, discount: 0, tax: 1380, status: 'paid' });

    await setUsage(upstreamId, 9 * GB);
    await fireCron(Date.now(), withTax);
    const [intent, ...others] = await offSessionIntents(stripeCustomer);
    expect(others).toEqual([]);
    // The tier's price and Stripe Tax's tax on it, as at Checkout.
    expect(intent).toMatchObject({
      amount: 6900 + 1380,
      hooks: { inputs: { tax: { calculation: expect.stringMatching(/^taxcalc_/) } } },
    });
    const [delivery] = await intentDeliveries(intent!.id, 'payment_intent.succeeded');
    await deliverEachEvent([{ id: delivery!.eventId }], withTax);
    await settled(id);

    const [, topUp] = await ordersOf(id);
    expect(topUp).toEqual(checkout);
    // Stripe turned the calculation into a tax transaction when the payment succeeded (its tax reporting).
    expect(await sim<{ reference: string }[]>('/_sim/stripe/tax/transactions')).toEqual([
      expect.objectContaining({ reference: intent!.id }),
    ]);
    const receipts = await waitForMailAbout(email, /purchase: Pro/);
    expect(receipts.text).toContain('Plan $69.00, tax $13.80, total $82.80.');
    expect((await view(cookie)).charges[0]).toMatchObject({ amount: 6900, tax: 1380, state: 'succeeded' });
  });

  it('a customer Stripe Tax cannot place (no address saved) is asked to pay once, never charged untaxed', async () => {
    const email = 'atu-tax-nowhere@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    await turnOn(cookie);
    // Bought before the shop turned tax on: the card is saved, no address is.
    const res = await call('/api/checkout', { json: { tierId: 'pro' }, cookie });
    const sessionId = new URL((await res.json<{ url: string }>()).url).pathname.split('/').pop()!;
    await deliverEachEvent((await stripeAct(sessionId, 'pay')).events);
    await settled(id);
    const [key] = await keysOf(id);
    await setUsage(key!.upstream_id!, 9 * GB);
    await fireCron(Date.now(), withTax);
    expect(await offSessionIntents(await stripeCustomerOf(id))).toEqual([]);
    expect((await view(cookie)).paused).toMatchObject({ reason: 'payment_failed' });
    expect(await count("select * from auto_top_up_charges where customer_id = ? and state = 'failed'", id)).toBe(1);
    await waitForMailAbout(email, /auto top-up is paused/);
  });
});
