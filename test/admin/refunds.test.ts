// Refunds from the console: the operator refunds all or part of an order in Stripe; the cap drops when Stripe's
// refund.created arrives, exactly as after a refund made in the Stripe dashboard. Audited; a retried click refunds once.
import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/time.ts';
import {
  auditRows,
  buy,
  call,
  customerIdOf,
  deliver,
  deliverEachEvent,
  deliveries,
  disputeSession,
  later,
  OPERATOR,
  type OrderRow,
  orderRow,
  resetSimulators,
  settled,
  signIn,
  sim,
  stripeAct,
  upstreamCapOf,
} from '../support/index.ts';

let operator: string;

beforeAll(async () => {
  operator = await signIn(OPERATOR);
});

beforeEach(async () => {
  await resetSimulators();
});

/** A customer with Starter (1 GB, $9) and Pro (10 GB, $69) paid and their key synced at 11 GB. */
async function customerWithPro(email: string) {
  const cookie = await signIn(email);
  await buy(cookie, 'starter');
  const session = await buy(cookie, 'pro');
  const id = await customerIdOf(email);
  await settled(id);
  const pro = (await env.DB.prepare('select * from orders where stripe_session_id = ?')
    .bind(session)
    .first<OrderRow>())!;
  return { id, session, pro, cookie };
}

function refund(
  customerId: string,
  orderId: string,
  json: unknown,
  key: string | null,
  cookie = operator,
  bindings?: Env,
) {
  return call(`/api/admin/customers/${customerId}/orders/${orderId}/refund`, {
    json,
    cookie,
    headers: key ? { 'idempotency-key': key } : {},
    env: bindings,
  });
}

/** Delivers Stripe's `refund.created` events not delivered yet, as Stripe would. */
async function deliverRefunds(already: number): Promise<void> {
  const found = await deliveries({ type: 'refund.created' });
  for (const delivery of found.slice(already)) expect((await deliver(delivery)).status).toBe(200);
}

describe('refund from the console', () => {
  it('refunds part of an order; the cap drops after the webhook exactly as after a Stripe-dashboard refund', async () => {
    const fromConsole = await customerWithPro('refund-console@example.com');
    const dashboard = await customerWithPro('refund-dashboard@example.com');

    const res = await refund(fromConsole.id, fromConsole.pro.id, { amount: 3450 }, 'confirm-refund-0001');
    expect(res.status, await res.clone().text()).toBe(200);
    const answer = await res.json<{ action: string; message: string }>();
    expect(answer.action).toBe('refund');
    expect(answer.message).toMatch(/\$34\.50[\s\S]*5 GB/);
    // Nothing moves until Stripe confirms.
    expect((await upstreamCapOf(fromConsole.id)).cap).toBe(11);
    expect(await orderRow(fromConsole.pro.id)).toMatchObject({ refunded_gb: 0, refunded_amount: 0 });

    // The same refund made in the Stripe dashboard, for the other customer.
    await stripeAct(dashboard.session, 'refund', { amount: 3450 });
    await deliverRefunds(0);

    for (const c of [fromConsole, dashboard]) {
      expect(await orderRow(c.pro.id)).toMatchObject({ status: 'paid', refunded_gb: 5, refunded_amount: 3450 });
      expect((await upstreamCapOf(c.id)).cap).toBe(6);
    }

    const audit = (await auditRows(fromConsole.id)).filter((a) => a.action === 'admin.refund');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `admin:${OPERATOR}` });
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({
      orderId: fromConsole.pro.id,
      amount: 3450,
      currency: 'usd',
      gb: 5,
      refundId: expect.stringMatching(/^re_/),
    });
  });

  it('a retried click, even two at once, refunds once; a new confirmation refunds the rest', async () => {
    const { id, pro } = await customerWithPro('refund-retry@example.com');
    const clicks = await Promise.all([
      refund(id, pro.id, { amount: 1000 }, 'confirm-refund-retry'),
      refund(id, pro.id, { amount: 1000 }, 'confirm-refund-retry'),
    ]);
    const again = await refund(id, pro.id, { amount: 1000 }, 'confirm-refund-retry');
    expect([...clicks, again].map((r) => r.status)).toEqual([200, 200, 200]);
    const messages = await Promise.all(
      [...clicks, again].map(async (r) => (await r.json<{ message: string }>()).message),
    );
    expect(messages.filter((m) => /already made/.test(m))).toHaveLength(2);
    expect(await deliveries({ type: 'refund.created' })).toHaveLength(1);
    expect((await auditRows(id)).filter((a) => a.action === 'admin.refund')).toHaveLength(1);
    await deliverRefunds(0);
    expect(await orderRow(pro.id)).toMatchObject({ refunded_amount: 1000, refunded_gb: 2 });

    // No amount: everything left. The order is then refunded in full and only Starter's 1 GB remains.
    expect((await refund(id, pro.id, {}, 'confirm-refund-rest')).status).toBe(200);
    await deliverRefunds(1);
    expect(await orderRow(pro.id)).toMatchObject({ status: 'refunded', refunded_amount: 6900, refunded_gb: 10 });
    expect((await upstreamCapOf(id)).cap).toBe(1);
    const full = await refund(id, pro.id, {}, 'confirm-refund-more');
    expect(full.status).toBe(409);
    expect(await full.json()).toMatchObject({ error: { code: 'not_refundable' } });
  });

  it('the same confirmation reused for another amount is refused, not refunded', async () => {
    const { id, pro } = await customerWithPro('refund-reuse@example.com');
    expect((await refund(id, pro.id, { amount: 1000 }, 'confirm-refund-reuse')).status).toBe(200);
    const reused = await refund(id, pro.id, { amount: 2000 }, 'confirm-refund-reuse');
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ error: { code: 'refund_conflict' } });
    expect(await deliveries({ type: 'refund.created' })).toHaveLength(1);
  });

  it('refuses more than is left, another customer’s order, a free grant, and a charged-back payment', async () => {
    const { id, session, pro } = await customerWithPro('refund-refused@example.com');
    const other = await customerWithPro('refund-other@example.com');
    const tooMuch = await refund(id, pro.id, { amount: 6901 }, 'confirm-refund-much');
    expect(tooMuch.status).toBe(409);
    expect(await tooMuch.json()).toMatchObject({ error: { code: 'refund_too_large', message: /\$69\.00/ } });
    const foreign = await refund(id, other.pro.id, {}, 'confirm-refund-other');
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { code: 'order_not_found' } });

    expect((await call(`/api/admin/customers/${id}/grant`, { json: { gb: 2 }, cookie: operator })).status).toBe(200);
    const grant = await env.DB.prepare("select id from orders where customer_id = ? and kind = 'grant'")
      .bind(id)
      .first<{ id: string }>();
    const free = await refund(id, grant!.id, {}, 'confirm-refund-free');
    expect(free.status).toBe(409);
    expect(await free.json()).toMatchObject({ error: { code: 'not_refundable' } });

    await deliverEachEvent((await disputeSession(session)).events);
    const disputed = await refund(id, pro.id, {}, 'confirm-refund-disputed');
    expect(disputed.status).toBe(409);
    expect(await disputed.json()).toMatchObject({ error: { code: 'refund_refused', message: /charged back/ } });
    expect(await deliveries({ type: 'refund.created' })).toHaveLength(0);
  });

  it('says so when Stripe does not answer, and the same confirmation then refunds once', async () => {
    const { id, pro } = await customerWithPro('refund-down@example.com');
    // Down for both of the Stripe client's attempts (it retries a 5xx once).
    await sim('/_sim/stripe/outage', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 2 }),
    });
    const down = await refund(id, pro.id, { amount: 690 }, 'confirm-refund-down');
    expect(down.status).toBe(502);
    expect(await down.json()).toMatchObject({
      error: { code: 'stripe_unavailable', message: /will not refund twice/ },
    });
    expect(await deliveries({ type: 'refund.created' })).toHaveLength(0);
    expect((await refund(id, pro.id, { amount: 690 }, 'confirm-refund-down')).status).toBe(200);
    expect(await deliveries({ type: 'refund.created' })).toHaveLength(1);
  });

  it('refunds in full what the customer paid, tax included, and the order is then refunded whole', async () => {
    const email = 'refund-taxed@example.com';
    const cookie = await signIn(email);
    const withTax = { ...env, CHECKOUT_AUTOMATIC_TAX: 'true' } as unknown as Env;
    const res = await call('/api/checkout', { json: { tierId: 'pro' }, cookie, env: withTax });
    const session = new URL((await res.json<{ url: string }>()).url).pathname.split('/').pop()!;
    await deliverEachEvent((await stripeAct(session, 'pay', { taxPercent: 20 })).events);
    const id = await customerIdOf(email);
    await settled(id);
    const order = (await env.DB.prepare('select * from orders where stripe_session_id = ?')
      .bind(session)
      .first<OrderRow & { price: number; tax: number }>())!;
    expect(order).toMatchObject({ price: 6900, tax: 1380 });

    // No amount: everything the customer paid — $82.80, not the $69.00 before tax.
    const full = await refund(id, order.id, {}, 'confirm-refund-taxed');
    expect(full.status, await full.clone().text()).toBe(200);
    expect((await full.json<{ message: string }>()).message).toMatch(/\$82\.80[\s\S]*10 GB/);
    const tooMuch = await refund(id, order.id, { amount: 1 }, 'confirm-refund-taxed-more');
    expect(tooMuch.status).toBe(409);
    await deliverRefunds(0);
    expect(await orderRow(order.id)).toMatchObject({ status: 'refunded', refunded_amount: 8280, refunded_gb: 10 });
  });

  it('a confirmation retried after Stripe forgot its idempotency key (24 h) still refunds once', async () => {
    const { id, pro } = await customerWithPro('refund-next-day@example.com');
    expect((await refund(id, pro.id, { amount: 1000 }, 'confirm-refund-next-day')).status).toBe(200);
    await sim('/_sim/stripe/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceHours: 25 }),
    });
    const again = await refund(id, pro.id, { amount: 1000 }, 'confirm-refund-next-day');
    expect(again.status).toBe(200);
    expect((await again.json<{ message: string }>()).message).toMatch(/already made/);
    expect(await sim<unknown[]>('/_sim/stripe/refunds')).toHaveLength(1);
  });

  it('needs an operator, a fresh sign-in and an Idempotency-Key', async () => {
    const { id, pro, cookie } = await customerWithPro('refund-guard@example.com');
    expect((await refund(id, pro.id, {}, 'confirm-refund-guard', cookie)).status).toBe(403);
    const missingKey = await refund(id, pro.id, {}, null);
    expect(missingKey.status).toBe(400);
    expect(await missingKey.json()).toMatchObject({ error: { code: 'invalid_request', message: /idempotency-key/ } });
    expect((await refund(id, pro.id, { amount: 0 }, 'confirm-refund-guard')).status).toBe(400);

    const stale = await signIn(OPERATOR);
    const res = await refund(id, pro.id, {}, 'confirm-refund-guard', stale, later(11 * MINUTE_MS));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'reauth_required' } });
    expect(await deliveries({ type: 'refund.created' })).toHaveLength(0);
  });
});
