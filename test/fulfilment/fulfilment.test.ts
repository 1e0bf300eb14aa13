// Fulfilment end to end: checkout → Stripe simulator → signed webhook → D1 → the Proxies.sx simulator's key.
// Exactly once whatever Stripe duplicates or reorders; recoverable when the upstream is down.
import { createExecutionContext, env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  buy,
  call,
  count,
  customerIdOf,
  deliver,
  deliveries,
  fireCron,
  keyRow,
  mask,
  onlyDelivery,
  orderOfSession,
  outboxFor,
  outboxOnceDelivered,
  postWebhook,
  recordMailQueue,
  redeliveries,
  resetSimulators,
  type SimKey,
  settled,
  signIn,
  sim,
  startCheckout,
  stripeAct,
  upstreamKey,
  upstreamKeysOf,
  upstreamMints,
} from '../support/index.ts';

const DAY = 86_400_000;

beforeEach(async () => {
  await resetSimulators();
});

describe('duplicates', () => {
  it('the same paid event delivered 5 times at once records one purchase and mints one key', async () => {
    const email = 'dup@example.com';
    const cookie = await signIn(email);
    const sessionId = await startCheckout(cookie, 'pro');
    const [completed] = (await stripeAct(sessionId, 'pay')).events;
    // Five deliveries of one event, each freshly signed, as Stripe does when it retries.
    const copies = await redeliveries(completed!.id, 5);
    // The success page's poll races the deliveries too.
    const answers = await Promise.all([...copies.map(deliver), call(`/api/orders/${sessionId}`, { cookie })]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const results = await Promise.all(answers.slice(0, 5).map((r) => r.json<{ result: string }>()));
    expect(results.filter((r) => r.result === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.result === 'duplicate')).toHaveLength(4);

    const id = await customerIdOf(email);
    const row = await settled(id);
    expect(await count("select * from orders where customer_id = ? and status = 'paid'", id)).toBe(1);
    expect(await count('select * from stripe_events where id = ?', completed!.id)).toBe(1);
    expect(await upstreamMints()).toBe(1);
    const key = await upstreamKey(row!.upstream_id);
    expect(key).toMatchObject({ trafficCapGB: 10, enabled: true });
    expect(row).toMatchObject({ sync_state: 'synced', cap_gb: 10, enabled: 1 });
    // The secret is stored sealed, with a mask for the dashboard; never in clear.
    expect(row!.secret_mask).toBe(mask(key!.key));
    expect(row!.secret_ciphertext).not.toContain(key!.key.slice(4));

    // Re-delivering later changes nothing either.
    expect((await deliver(copies[0]!)).status).toBe(200);
    await settled(id);
    expect(await upstreamMints()).toBe(1);
    expect(await count("select * from orders where customer_id = ? and status = 'paid'", id)).toBe(1);
  });

  it('sends one receipt per order, however often the payment is delivered', async () => {
    const email = 'receipt@example.com';
    const cookie = await signIn(email);
    const before = (await outboxFor(email)).length;
    // Every mail the Worker queues from here on is recorded on its way to the real queue.
    const recording = recordMailQueue();
    const sessionId = await startCheckout(cookie, 'starter');
    await stripeAct(sessionId, 'pay');
    const { payload, signature } = await onlyDelivery(sessionId, 'checkout.session.completed');
    const webhook = () => postWebhook(payload, signature, recording.env);
    expect((await webhook()).status).toBe(200);
    // The same payment again, twice at once and beside the success page's poll, then the cron's sweep.
    await Promise.all([webhook(), webhook(), call(`/api/orders/${sessionId}`, { cookie, env: recording.env })]);
    await fireCron(Date.now() + 10 * 60_000, recording.env);

    expect(recording.queued.filter((m) => m.kind === 'receipt')).toEqual([
      expect.objectContaining({ kind: 'receipt', to: email }),
    ]);
    const receipts = (await outboxOnceDelivered(recording, email, before)).filter((m) =>
      /receipt|purchase/i.test(m.subject),
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.text).toContain('Starter');
    expect(receipts[0]!.text).toContain('1 GB');
    expect(
      await count('select * from orders where stripe_session_id = ? and receipt_sent_at is not null', sessionId),
    ).toBe(1);
  });
});

describe('delayed payment methods', () => {
  it('an unpaid completed session delivers nothing until the async payment succeeds', async () => {
    const email = 'async@example.com';
    const cookie = await signIn(email);
    const sessionId = await startCheckout(cookie, 'starter');
    await stripeAct(sessionId, 'async');
    expect((await deliver(await onlyDelivery(sessionId, 'checkout.session.completed'))).status).toBe(200);
    const id = await customerIdOf(email);
    // The success page polls meanwhile: still nothing.
    const poll = await call(`/api/orders/${sessionId}`, { cookie });
    expect(await poll.json()).toMatchObject({ order: { status: 'pending' }, key: { status: 'none' } });
    expect(await orderOfSession(sessionId)).toMatchObject({ status: 'pending' });
    expect(await keyRow(id)).toBeNull();
    expect(await upstreamMints()).toBe(0);

    await stripeAct(sessionId, 'settle', { outcome: 'succeeded' });
    expect((await deliver(await onlyDelivery(sessionId, 'checkout.session.async_payment_succeeded'))).status).toBe(200);
    const row = await settled(id);
    expect(await orderOfSession(sessionId)).toMatchObject({ status: 'paid', gb: 1 });
    expect(await upstreamKey(row!.upstream_id)).toMatchObject({ trafficCapGB: 1, enabled: true });
    expect(await upstreamMints()).toBe(1);
  });

  it('async success delivered before the completed event gives the same result', async () => {
    const email = 'reorder@example.com';
    const cookie = await signIn(email);
    const sessionId = await startCheckout(cookie, 'pro');
    await stripeAct(sessionId, 'async', { outcome: 'succeeded' });
    const succeeded = await onlyDelivery(sessionId, 'checkout.session.async_payment_succeeded');
    const completed = await onlyDelivery(sessionId, 'checkout.session.completed');
    expect((await deliver(succeeded)).status).toBe(200);
    expect((await deliver(completed)).status).toBe(200);
    const id = await customerIdOf(email);
    const row = await settled(id);
    // The late "completed, unpaid" did not undo the payment.
    expect(await orderOfSession(sessionId)).toMatchObject({ status: 'paid', gb: 10 });
    expect(await upstreamKey(row!.upstream_id)).toMatchObject({ trafficCapGB: 10, enabled: true });
    expect(await upstreamMints()).toBe(1);
  });

  it('a failed async payment delivers nothing, in either order', async () => {
    for (const [email, reverse] of [
      ['fail1@example.com', false],
      ['fail2@example.com', true],
    ] as const) {
      const cookie = await signIn(email);
      const sessionId = await startCheckout(cookie, 'starter');
      await stripeAct(sessionId, 'async', { outcome: 'failed' });
      const events = [
        await onlyDelivery(sessionId, 'checkout.session.completed'),
        await onlyDelivery(sessionId, 'checkout.session.async_payment_failed'),
      ];
      if (reverse) events.reverse();
      for (const event of events) expect((await deliver(event)).status).toBe(200);
      expect(await orderOfSession(sessionId)).toMatchObject({ status: 'failed' });
      expect(await keyRow(await customerIdOf(email))).toBeNull();
    }
    expect(await upstreamMints()).toBe(0);
  });
});

describe('upstream outage', () => {
  it('answers Stripe 2xx, keeps the order, and the cron fulfils it after the upstream recovers', async () => {
    const email = 'outage@example.com';
    const cookie = await signIn(email);
    const sessionId = await startCheckout(cookie, 'pro');
    await stripeAct(sessionId, 'pay');
    await sim('/_sim/proxies/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'error', status: 503, count: 1000 }),
    });

    expect((await deliver(await onlyDelivery(sessionId, 'checkout.session.completed'))).status).toBe(200);
    const id = await customerIdOf(email);
    expect(await settled(id)).toMatchObject({ sync_state: 'failed', upstream_id: null });
    expect(await orderOfSession(sessionId)).toMatchObject({ status: 'paid' });
    const poll = await call(`/api/orders/${sessionId}`, { cookie });
    expect(await poll.json()).toMatchObject({ order: { status: 'paid' }, key: { status: 'retrying' } });

    // Still down at the next cron run: nothing lost, still owed.
    await fireCron(Date.now() + 60 * 60_000);
    expect(await keyRow(id)).toMatchObject({ sync_state: 'failed', upstream_id: null });

    await sim('/_sim/proxies/faults', { method: 'DELETE' });
    await fireCron(Date.now() + 3 * 60 * 60_000);
    const row = await keyRow(id);
    expect(row).toMatchObject({ sync_state: 'synced', cap_gb: 10, enabled: 1 });
    expect(await upstreamKey(row!.upstream_id)).toMatchObject({ trafficCapGB: 10, enabled: true });
    expect(await (await call(`/api/orders/${sessionId}`, { cookie })).json()).toMatchObject({
      key: { status: 'ready', capGb: 10 },
    });
  });
});

describe('top-ups and refunds', () => {
  it('a top-up raises the cap, extends the expiry and re-enables a key the platform auto-suspended', async () => {
    const email = 'topup@example.com';
    const cookie = await signIn(email);
    await buy(cookie, 'starter');
    const id = await customerIdOf(email);
    const first = await settled(id);
    const keyId = first!.upstream_id!;
    // The customer uses their whole GB: the platform suspends the key.
    const used = await sim<SimKey>(`/_sim/proxies/keys/${keyId}/usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ usedMB: 1024 }),
    });
    expect(used.enabled).toBe(false);

    await buy(cookie, 'pro');
    const row = await settled(id);
    expect(row!.upstream_id).toBe(keyId);
    const key = await upstreamKey(keyId);
    expect(key).toMatchObject({ trafficCapGB: 11, enabled: true });
    // 30 days from the first payment, then 30 more: validity stacks like the platform's top-up.
    expect(Date.parse(key!.expiresAt!) - first!.expires_at!).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(await upstreamMints()).toBe(1);
  });

  it('a refund takes the refunded GB back, and a full refund of everything disables the key', async () => {
    const email = 'refund@example.com';
    const cookie = await signIn(email);
    const starter = await buy(cookie, 'starter');
    const pro = await buy(cookie, 'pro');
    const id = await customerIdOf(email);
    const keyId = (await settled(id))!.upstream_id!;
    expect(await upstreamKey(keyId)).toMatchObject({ trafficCapGB: 11 });

    // Half of Pro (10 GB) refunded: 5 GB go.
    await stripeAct(pro, 'refund', { amount: 3450 });
    expect((await deliver((await deliveries({ type: 'refund.created' }))[0]!)).status).toBe(200);
    await settled(id);
    expect(await upstreamKey(keyId)).toMatchObject({ trafficCapGB: 6, enabled: true });
    expect(await orderOfSession(pro)).toMatchObject({ status: 'paid', refunded_gb: 5, refunded_amount: 3450 });

    // The rest of Pro, then Starter.
    await stripeAct(pro, 'refund');
    await stripeAct(starter, 'refund');
    const refunds = await deliveries({ type: 'refund.created' });
    expect(refunds).toHaveLength(3);
    // Delivered newest first (reordered), and the first one again: cumulative amounts make order irrelevant.
    for (const delivery of [refunds[2]!, refunds[1]!, refunds[0]!]) expect((await deliver(delivery)).status).toBe(200);
    await settled(id);
    expect(await orderOfSession(pro)).toMatchObject({ status: 'refunded', refunded_gb: 10 });
    expect(await orderOfSession(starter)).toMatchObject({ status: 'refunded', refunded_gb: 1 });
    expect(await upstreamKey(keyId)).toMatchObject({ enabled: false });
    expect(await keyRow(id)).toMatchObject({ enabled: 0, sync_state: 'synced' });
  });
});

describe('what was sold', () => {
  it('a price change in config does not change what a past order delivers', async () => {
    const email = 'snapshot@example.com';
    const cookie = await signIn(email);
    const sessionId = await startCheckout(cookie, 'starter');
    await stripeAct(sessionId, 'pay');
    const delivery = await onlyDelivery(sessionId, 'checkout.session.completed');

    // The reseller edits PRICING and redeploys before the webhook arrives: Starter is now 5 GB for $20, 7 days.
    const pricing = JSON.parse(env.PRICING as unknown as string);
    pricing.tiers[0] = {
      ...pricing.tiers[0],
      gb: 5,
      price: { ...pricing.tiers[0].price, usd: 2000 },
      validityDays: 7,
      name: 'Starter Plus',
    };
    const redeployed = { ...env, PRICING: JSON.stringify(pricing) } as Env;
    expect((await postWebhook(delivery.payload, delivery.signature, redeployed)).status).toBe(200);

    const id = await customerIdOf(email);
    const row = await settled(id);
    expect(await orderOfSession(sessionId)).toMatchObject({
      tier_name: 'Starter',
      gb: 1,
      price: 900,
      validity_days: 30,
    });
    const key = await upstreamKey(row!.upstream_id);
    expect(key).toMatchObject({ trafficCapGB: 1 });
    const days = (Date.parse(key!.expiresAt!) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
  });
});

describe('crashes and drift', () => {
  const json = (body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('a mint that succeeded upstream but whose answer was lost is not minted twice', async () => {
    const email = 'lost-answer@example.com';
    const cookie = await signIn(email);
    const sessionId = await startCheckout(cookie, 'starter');
    await stripeAct(sessionId, 'pay');
    // Every mint attempt is carried out, then the connection drops before the answer (a crash, as far as the shop knows).
    await sim(
      '/_sim/proxies/faults',
      json({ kind: 'reset', afterProcessing: true, method: 'POST', path: '/reseller/pool-keys', count: 10 }),
    );
    expect((await deliver(await onlyDelivery(sessionId, 'checkout.session.completed'))).status).toBe(200);
    const id = await customerIdOf(email);
    expect(await settled(id)).toMatchObject({ sync_state: 'failed', upstream_id: null });

    await sim('/_sim/proxies/faults', { method: 'DELETE' });
    await fireCron(Date.now() + 60 * 60_000);
    const row = await keyRow(id);
    expect(row).toMatchObject({ sync_state: 'synced', cap_gb: 1 });
    // The platform replayed the first mint for the same idempotency key: one key, and the shop holds its secret.
    // (The cron's sweep also mints again the keys of this file's earlier customers, whom the simulator reset forgot.)
    const mine = await upstreamKeysOf(email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.id).toBe(row!.upstream_id);
    expect(row!.secret_mask).toBe(mask(mine[0]!.key));
  });

  it('a key that vanished upstream is minted again with everything paid for', async () => {
    const email = 'vanished@example.com';
    const cookie = await signIn(email);
    await buy(cookie, 'starter');
    const id = await customerIdOf(email);
    const first = (await settled(id))!.upstream_id!;
    const res = await fetch(`${env.SIM_URL}/v1/reseller/pool-keys/${first}`, {
      method: 'DELETE',
      headers: { 'x-api-key': env.PROXIES_SX_API_KEY },
    });
    expect(res.status).toBe(200);

    await buy(cookie, 'pro');
    const row = await settled(id);
    expect(row!.sync_state).toBe('synced');
    expect(row!.upstream_id).not.toBe(first);
    expect(await upstreamKey(row!.upstream_id)).toMatchObject({ trafficCapGB: 11, enabled: true });
  });

  it('keeps a customer the reseller suspended disabled, and re-enables them when lifted', async () => {
    const email = 'suspended@example.com';
    const cookie = await signIn(email);
    await buy(cookie, 'pro');
    const id = await customerIdOf(email);
    const keyId = (await settled(id))!.upstream_id!;
    const { reconcileCustomerKey } = await import('../../src/fulfilment/index.ts');
    const { backgroundServices } = await import('../../src/services/index.ts');
    const reconcile = () => reconcileCustomerKey(backgroundServices(env, createExecutionContext(), {}), id);

    await env.DB.prepare('update customers set suspended_at = ?, suspended_reason = ? where id = ?')
      .bind(Date.now(), 'abuse', id)
      .run();
    expect(await reconcile()).toEqual({ state: 'synced' });
    expect(await upstreamKey(keyId)).toMatchObject({ enabled: false, trafficCapGB: 10 });
    // Suspended customers cannot buy more either.
    const refused = await call('/api/checkout', { json: { tierId: 'starter' }, cookie });
    expect(refused.status).toBe(403);
    expect(await reconcile()).toEqual({ state: 'synced' });
    expect(await upstreamKey(keyId)).toMatchObject({ enabled: false });

    await env.DB.prepare('update customers set suspended_at = null, suspended_reason = null where id = ?')
      .bind(id)
      .run();
    expect(await reconcile()).toEqual({ state: 'synced' });
    expect(await upstreamKey(keyId)).toMatchObject({ enabled: true, trafficCapGB: 10 });
  });
});
