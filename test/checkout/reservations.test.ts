// Checkout reserves its GB in one conditional D1 statement before Stripe is called: concurrent checkouts cannot
// together pass the cap ceiling, delayed payments keep their GB reserved until they settle, and a reservation is
// given back when no payment can follow. No paid GB is ever left undelivered.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/clock.ts';
import worker from '../../src/index.ts';
import { withOverrides } from '../../src/services/index.ts';
import {
  call,
  customerIdOf,
  deliver,
  deliveries,
  keysOf,
  ORIGIN,
  pay,
  resetSimulators,
  settled,
  signIn,
  sim,
  startCheckout,
  stripeAct,
  upstreamKey,
  upstreamKeys,
} from '../support/index.ts';

beforeEach(resetSimulators);

const sessions = () => sim<{ id: string }[]>('/_sim/stripe/sessions');

/** `gb` already paid for (an operator grant), not yet on a key. */
async function holding(customerId: string, gb: number) {
  await env.DB.prepare(
    "insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, created_at, paid_at) values (?, ?, 'grant', 'paid', 'grant', 'Grant', ?, 0, 'usd', ?, ?)",
  )
    .bind(`ord_grant_${customerId.slice(0, 8)}`, customerId, gb, Date.now(), Date.now())
    .run();
}

describe('concurrent checkouts', () => {
  it('10 at once at 975 GB: only what fits gets a Checkout URL, the rest a clear 409 before any money is taken', async () => {
    const email = 'rush@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    await holding(id, 975);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call('/api/checkout', { json: { tierId: 'pro' }, cookie })),
    );
    const statuses = answers.map((r) => r.status).sort();
    // 975 + 10 + 10 = 995 fits; a third Pro would make 1005.
    expect(statuses).toEqual([200, 200, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((r) => r.status === 409)) {
      const body = await refused.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe('cap_ceiling');
      expect(body.error.message).toMatch(/Nothing was charged/);
    }
    const opened = await sessions();
    expect(opened).toHaveLength(2);

    // Both are paid: every paid GB is on the customer's key.
    for (const { id: sessionId } of opened) await pay(sessionId);
    await settled(id);
    const [key] = await keysOf(id);
    expect(await upstreamKey(key!.upstream_id)).toMatchObject({ trafficCapGB: 995, enabled: true });
    expect(await upstreamKeys()).toHaveLength(1);
  });
});

describe('delayed payments', () => {
  it('keep their GB reserved past the checkout’s lifetime until they settle, and give them back when they fail', async () => {
    const email = 'sepa@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    await holding(id, 975);
    const sessionId = await startCheckout(cookie, 'pro');
    await stripeAct(sessionId, 'async');
    const [completed] = await deliveries({ sessionId, type: 'checkout.session.completed' });
    expect((await deliver(completed!)).status).toBe(200);
    // Two hours later (past the 1 h checkout lifetime) the bank transfer is still settling: its 10 GB still count.
    const later = withOverrides(env, { clock: clockFrom(Date.now() + 2 * 3_600_000) });
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie, env: later })).status).toBe(200);
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie, env: later })).status).toBe(409);
    // It shows in the purchase history as pending.
    const history = await (await call('/api/purchases', { cookie, env: later })).json<{
      purchases: { status: string }[];
    }>();
    expect(history.purchases.filter((p) => p.status === 'pending')).toHaveLength(2);

    await stripeAct(sessionId, 'settle', { outcome: 'failed' });
    const [failed] = await deliveries({ sessionId, type: 'checkout.session.async_payment_failed' });
    expect((await deliver(failed!)).status).toBe(200);
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie })).status).toBe(200);
  });

  it('an abandoned checkout stops counting when it expires', async () => {
    const email = 'abandon@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    await holding(id, 985);
    const sessionId = await startCheckout(cookie, 'pro');
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie })).status).toBe(409);
    await stripeAct(sessionId, 'expire');
    const [expired] = await deliveries({ sessionId, type: 'checkout.session.expired' });
    expect((await deliver(expired!)).status).toBe(200);
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie })).status).toBe(200);
  });
});

describe('Stripe unavailable', () => {
  it('gives the reservation back when no Checkout Session could be made', async () => {
    const email = 'stripe-down@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    await holding(id, 985);
    // The Stripe customer exists from an earlier (abandoned) checkout, so the failure is at the session.
    const abandoned = await startCheckout(cookie, 'pro');
    await stripeAct(abandoned, 'expire');
    const [expired] = await deliveries({ sessionId: abandoned, type: 'checkout.session.expired' });
    await deliver(expired!);

    const down = { ...env, STRIPE_API_URL: 'http://127.0.0.1:9' } as Env;
    const ctx = createExecutionContext();
    const res = await worker.fetch!(
      new Request(`${ORIGIN}/api/checkout`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json', cookie },
        body: JSON.stringify({ tierId: 'pro' }),
      }) as Request<unknown, IncomingRequestCfProperties>,
      down,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { code: 'payment_provider_unavailable' } });
    const pending = await env.DB.prepare(
      "select count(*) as n from orders where customer_id = ? and status = 'pending'",
    )
      .bind(id)
      .first<{ n: number }>();
    expect(pending!.n).toBe(0);
    // The 10 GB were not left reserved: the same checkout works once Stripe answers.
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie })).status).toBe(200);
  });
});
