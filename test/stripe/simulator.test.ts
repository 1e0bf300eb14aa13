// The Stripe simulator behaves like Stripe where money depends on it, each behaviour from Stripe's own documentation
// (cited in sim/stripe/): idempotency keys forgotten after 24 h of Stripe's clock, a request refused by validation not
// stored under its key, empty metadata values unset, parameter values checked, a customer deleted, Cancel on the
// hosted page leaving the session open until it expires.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { createStripeClient } from '../../src/stripe/client.ts';
import { rejection, resetSimulators, sim } from '../support/index.ts';

const { apiUrl, secretKey } = getConfig(env).stripe;
const stripe = createStripeClient({ apiUrl, secretKey, timeoutMs: 10_000, maxNetworkRetries: 0 });

const advanceHours = (hours: number) =>
  sim('/_sim/stripe/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceHours: hours }),
  });

const session = (customer: string, expiresInS = 3_600) =>
  stripe.checkout.sessions.create({
    mode: 'payment',
    customer,
    line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 900, product_data: { name: 'Starter' } } }],
    success_url: 'https://shop.test/dashboard',
    cancel_url: 'https://shop.test/#pricing',
    expires_at: Math.floor(Date.now() / 1000) + expiresInS,
  });

beforeEach(resetSimulators);

describe('idempotency keys', () => {
  it('replay the first answer for 24 h of Stripe’s clock, then make a new request', async () => {
    const first = await stripe.customers.create({ email: 'k@example.com' }, { idempotencyKey: 'customer-k' });
    await advanceHours(23);
    expect((await stripe.customers.create({ email: 'k@example.com' }, { idempotencyKey: 'customer-k' })).id).toBe(
      first.id,
    );
    await advanceHours(2);
    expect((await stripe.customers.create({ email: 'k@example.com' }, { idempotencyKey: 'customer-k' })).id).not.toBe(
      first.id,
    );
  });

  it('keep nothing for a request refused by validation: the key then serves the corrected request', async () => {
    const bad = await rejection(
      stripe.refunds.create({ payment_intent: 'pi_x', reason: 'oops' as 'duplicate' }, { idempotencyKey: 'refund-k' }),
    );
    expect(bad).toMatchObject({ statusCode: 400, param: 'reason' });
    const customer = await stripe.customers.create({ email: 'v@example.com' }, { idempotencyKey: 'refund-k' });
    expect(customer.id).toMatch(/^cus_/);
  });
});

describe('parameters', () => {
  it('are checked by value, as Stripe checks them, and an empty metadata value unsets its key', async () => {
    const customer = await stripe.customers.create({ email: 'm@example.com', metadata: { kept: 'yes', dropped: '' } });
    expect(customer.metadata).toEqual({ kept: 'yes' });
    const badQuantity = await rejection(
      stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ quantity: 1.5, price_data: { currency: 'usd', unit_amount: 900, product_data: { name: 'x' } } }],
        success_url: 'https://shop.test/',
      }),
    );
    expect(badQuantity).toMatchObject({ statusCode: 400, param: 'line_items[0][quantity]' });
    const badCurrency = await rejection(
      stripe.paymentIntents.create({
        amount: 900,
        currency: 'USD',
        customer: customer.id,
        payment_method: 'pm_x',
        off_session: true,
        confirm: true,
      }),
    );
    expect(badCurrency).toMatchObject({ param: 'currency' });
  });
});

describe('a deleted customer', () => {
  it('is retrieved as deleted and unknown to every other call', async () => {
    const customer = await stripe.customers.create({ email: 'gone@example.com' });
    await sim(`/_sim/stripe/customers/${customer.id}/delete`, { method: 'POST' });
    const res = await fetch(`${apiUrl}/v1/customers/${customer.id}`, {
      headers: { authorization: `Bearer ${secretKey}` },
    });
    expect(await res.json()).toEqual({ id: customer.id, object: 'customer', deleted: true });
    expect(await rejection(session(customer.id))).toMatchObject({ code: 'resource_missing', param: 'customer' });
  });
});

describe('the hosted page’s way back', () => {
  it('leaves the session open; it expires at its expires_at on Stripe’s clock', async () => {
    const customer = await stripe.customers.create({ email: 'back@example.com' });
    const open = await session(customer.id, 3_600);
    const back = await fetch(`${apiUrl}/stripe/checkout/${open.id}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('https://shop.test/#pricing');
    expect((await stripe.checkout.sessions.retrieve(open.id)).status).toBe('open');
    await advanceHours(1.01);
    expect((await stripe.checkout.sessions.retrieve(open.id)).status).toBe('expired');
    const events = await sim<{ type: string; data: { object: { id: string } } }[]>('/_sim/stripe/events');
    expect(events.filter((e) => e.type === 'checkout.session.expired').map((e) => e.data.object.id)).toEqual([open.id]);
  });
});
