// Checkout: signed in, tier from config, one Stripe customer per shop customer, the cap ceiling enforced before
// any money is taken; order pages and purchase history scoped to their owner.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, deliver, deliveries, resetSimulators, signIn, sim, stripeAct } from '../support/index.ts';

interface SimSession {
  id: string;
  amount_total: number;
  currency: string;
  customer: string;
  customer_details: { email: string };
  client_reference_id: string;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  mode: string;
}

const sessions = () => sim<SimSession[]>('/_sim/stripe/sessions');
const stripeCalls = async (path: string) =>
  (await sim<{ method: string; path: string }[]>('/_sim/calls')).filter((c) => c.method === 'POST' && c.path === path)
    .length;

beforeEach(async () => {
  await resetSimulators();
});

describe('POST /api/checkout', () => {
  it('needs a session', async () => {
    const res = await call('/api/checkout', { json: { tierId: 'pro' } });
    expect(res.status).toBe(401);
    expect(await sessions()).toHaveLength(0);
  });

  it('is refused cross-site', async () => {
    const cookie = await signIn('csrf@example.com');
    const res = await call('/api/checkout', {
      json: { tierId: 'pro' },
      cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(await sessions()).toHaveLength(0);
  });

  it('creates a Checkout Session from the tier in config, ignoring any price the client sends', async () => {
    const email = 'buyer@example.com';
    const cookie = await signIn(email);
    const res = await call('/api/checkout', { json: { tierId: 'pro', price: 1, gb: 1000, unit_amount: 1 }, cookie });
    expect(res.status).toBe(200);
    const { url } = await res.json<{ url: string }>();
    const [session] = await sessions();
    expect(url).toBe(`${env.SIM_URL}/stripe/checkout/${session!.id}`);
    const customer = await env.DB.prepare('select id, stripe_customer_id from customers where email = ?')
      .bind(email)
      .first<{ id: string; stripe_customer_id: string }>();
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: 6900,
      currency: 'usd',
      customer: customer!.stripe_customer_id,
      customer_details: { email },
      client_reference_id: customer!.id,
      success_url: 'https://shop.test/dashboard?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://shop.test/#pricing',
      metadata: {
        shop_customer_id: customer!.id,
        tier_id: 'pro',
        tier_name: 'Pro',
        gb: '10',
        price: '6900',
        currency: 'usd',
        validity_days: '30',
      },
    });
    const order = await env.DB.prepare('select * from orders where stripe_session_id = ?').bind(session!.id).first();
    expect(order).toMatchObject({
      status: 'pending',
      tier_id: 'pro',
      gb: 10,
      price: 6900,
      customer_id: customer!.id,
      id: session!.metadata.shop_order_id,
    });
  });

  it('creates the Stripe customer once, however many checkouts', async () => {
    const cookie = await signIn('twice@example.com');
    const answers = await Promise.all([
      call('/api/checkout', { json: { tierId: 'starter' }, cookie }),
      call('/api/checkout', { json: { tierId: 'pro' }, cookie }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect((await call('/api/checkout', { json: { tierId: 'scale' }, cookie })).status).toBe(200);
    const all = await sessions();
    expect(all).toHaveLength(3);
    expect(new Set(all.map((s) => s.customer)).size).toBe(1);
    // The concurrent first two may both ask Stripe; the idempotency key makes them the same customer.
    expect(await stripeCalls('/v1/customers')).toBeLessThanOrEqual(2);
  });

  it('makes a new Stripe customer when the stored one no longer exists, instead of failing every checkout', async () => {
    const email = 'deleted-in-stripe@example.com';
    const cookie = await signIn(email);
    expect((await call('/api/checkout', { json: { tierId: 'starter' }, cookie })).status).toBe(200);
    const stored = () =>
      env.DB.prepare('select stripe_customer_id as id from customers where email = ?')
        .bind(email)
        .first<{ id: string }>();
    const first = (await stored())!.id;
    // Someone deleted the customer in the Stripe dashboard (a test → live switch looks the same to the shop).
    await sim(`/_sim/stripe/customers/${first}/delete`, { method: 'POST' });
    for (let i = 0; i < 2; i++) {
      const res = await call('/api/checkout', { json: { tierId: 'pro' }, cookie });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const replacement = (await stored())!.id;
    expect(replacement).not.toBe(first);
    const latest = (await sessions()).slice(-2);
    expect(latest.map((s) => s.customer)).toEqual([replacement, replacement]);
  });

  it('refuses an unknown tier', async () => {
    const cookie = await signIn('unknown-tier@example.com');
    const res = await call('/api/checkout', { json: { tierId: 'platinum' }, cookie });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'unknown_tier' } });
    for (const body of [{}, { tierId: '' }, { tierId: 7 }])
      expect((await call('/api/checkout', { json: body, cookie })).status).toBe(400);
    expect(await sessions()).toHaveLength(0);
  });

  it('refuses, before taking money, a purchase that would push the key past the 1000 GB ceiling', async () => {
    const email = 'big@example.com';
    const cookie = await signIn(email);
    const { id } = (await env.DB.prepare('select id from customers where email = ?')
      .bind(email)
      .first<{ id: string }>())!;
    // 975 GB already paid for (an operator grant).
    await env.DB.prepare(
      "insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, created_at, paid_at) values ('ord_grant_big', ?, 'grant', 'paid', 'grant', 'Grant', 975, 0, 'usd', ?, ?)",
    )
      .bind(id, Date.now(), Date.now())
      .run();
    const res = await call('/api/checkout', { json: { tierId: 'scale' }, cookie });
    expect(res.status).toBe(409);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('cap_ceiling');
    expect(body.error.message).toContain('1,000 GB');
    expect(body.error.message).toContain('Nothing was charged');
    expect(await sessions()).toHaveLength(0);
    // A smaller tier still fits; open checkouts count too, so a second one that would overflow is refused.
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie })).status).toBe(200);
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie })).status).toBe(200);
    expect((await call('/api/checkout', { json: { tierId: 'pro' }, cookie })).status).toBe(409);
  });
});

describe('GET /api/orders/:sessionId and /api/purchases', () => {
  it('shows the owner their order and key, and nobody else', async () => {
    const alice = await signIn('alice-orders@example.com');
    const mallory = await signIn('mallory-orders@example.com');
    const res = await call('/api/checkout', { json: { tierId: 'starter' }, cookie: alice });
    const sessionId = new URL((await res.json<{ url: string }>()).url).pathname.split('/').pop()!;

    expect((await call(`/api/orders/${sessionId}`)).status).toBe(401);
    const foreign = await call(`/api/orders/${sessionId}`, { cookie: mallory });
    expect(foreign.status).toBe(404);
    expect((await call('/api/orders/cs_test_doesnotexist', { cookie: alice })).status).toBe(404);
    expect((await call('/api/orders/..%2Fpurchases', { cookie: alice })).status).toBe(404);

    const pending = await call(`/api/orders/${sessionId}`, { cookie: alice });
    expect(await pending.json()).toMatchObject({
      order: { status: 'pending', tierName: 'Starter', gb: 1 },
      key: { status: 'none' },
    });

    // The customer comes back from Stripe before the webhook: the order page asks Stripe and fulfils.
    await stripeAct(sessionId, 'pay');
    const paid = await call(`/api/orders/${sessionId}`, { cookie: alice });
    const body = await paid.json<{
      order: { status: string };
      key: { status: string; capGb: number; secretMask: string };
    }>();
    expect(body.order.status).toBe('paid');
    expect(['provisioning', 'ready']).toContain(body.key.status);
    expect(JSON.stringify(body)).not.toMatch(/pak_[0-9a-f]{24}/);

    // The webhook arriving afterwards changes nothing.
    expect((await deliver((await deliveries({ sessionId, type: 'checkout.session.completed' }))[0]!)).status).toBe(200);
    const mints = (await sim<{ method: string; path: string }[]>('/_sim/calls')).filter(
      (c) => c.method === 'POST' && c.path === '/v1/reseller/pool-keys',
    );
    expect(mints.length).toBeLessThanOrEqual(1);

    const history = await call('/api/purchases', { cookie: alice });
    expect(await history.json()).toMatchObject({
      purchases: [{ tierName: 'Starter', status: 'paid', gb: 1, price: 900, currency: 'usd' }],
    });
    expect(await (await call('/api/purchases', { cookie: mallory })).json()).toEqual({ purchases: [] });
    expect((await call('/api/purchases')).status).toBe(401);
  });
});
