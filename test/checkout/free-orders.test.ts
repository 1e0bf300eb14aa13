// Free orders: a 100 %-off promotion code, or an amount off at least the price, completes the Checkout Session with
// `payment_status: 'no_payment_required'` and no PaymentIntent (docs.stripe.com/payments/checkout/no-cost-orders).
// The order is paid for nothing, its GB go on the key, nothing stays reserved against the cap ceiling, and the
// receipt and the purchase list say what the code took off.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PurchasesAnswer } from '../../src/shared/billing.ts';
import {
  call,
  customerIdOf,
  deliverEachEvent,
  resetSimulators,
  settled,
  signIn,
  sim,
  stripeAct,
  upstreamKeysOf,
  waitForMailAbout,
} from '../support/index.ts';

const withCodes = { ...env, CHECKOUT_PROMOTION_CODES: 'true' } as unknown as Env;

async function checkout(cookie: string, tierId: string): Promise<string> {
  const res = await call('/api/checkout', { json: { tierId }, cookie, env: withCodes });
  expect(res.status).toBe(200);
  return new URL((await res.json<{ url: string }>()).url).pathname.split('/').pop()!;
}

beforeAll(resetSimulators);

describe('a 100 %-off promotion code', () => {
  it('completes without payment, and the key gets the tier’s GB at once', async () => {
    const email = 'free-pro@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    const sessionId = await checkout(cookie, 'pro');
    const { events } = await stripeAct(sessionId, 'pay', { discount: 6900 });
    // Stripe sends the completed session only: there is no PaymentIntent to succeed.
    expect(events.map((e) => e.type)).toEqual(['checkout.session.completed']);
    const session = await sim<{ payment_status: string; payment_intent: string | null; amount_total: number }>(
      `/_sim/stripe/sessions/${sessionId}`,
    );
    expect(session).toMatchObject({ payment_status: 'no_payment_required', payment_intent: null, amount_total: 0 });
    await deliverEachEvent(events);
    await settled(id);

    const [key] = await upstreamKeysOf(email);
    expect(key).toMatchObject({ trafficCapGB: 10, enabled: true });
    const order = await env.DB.prepare(
      'select status, price, discount, tax, payment_settling from orders where customer_id = ?',
    )
      .bind(id)
      .first();
    expect(order).toEqual({ status: 'paid', price: 0, discount: 6900, tax: 0, payment_settling: 0 });
    const { purchases } = await (await call('/api/purchases', { cookie })).json<PurchasesAnswer>();
    expect(purchases).toEqual([expect.objectContaining({ status: 'paid', price: 0, discount: 6900, tax: 0 })]);
    const receipt = await waitForMailAbout(email, /purchase: Pro/);
    expect(receipt.text).toContain('Plan $69.00, promotion code −$69.00, total $0.00.');
  });

  it('an amount off larger than the price is free too, and is no longer "settling" once completed', async () => {
    const email = 'free-over@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    const sessionId = await checkout(cookie, 'starter');
    await deliverEachEvent((await stripeAct(sessionId, 'pay', { discount: 5000 })).events);
    await settled(id);
    expect((await upstreamKeysOf(email))[0]).toMatchObject({ trafficCapGB: 1 });
    expect(
      await env.DB.prepare('select status, payment_settling from orders where customer_id = ?').bind(id).first(),
    ).toEqual({ status: 'paid', payment_settling: 0 });
  });
});
