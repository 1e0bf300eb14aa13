// The webhook refuses anything not signed by Stripe with the endpoint secret, and a refused delivery changes nothing.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { snapshotMetadata, snapshotOf } from '../../src/orders/index.ts';
import { stripeClient } from '../../src/stripe/index.ts';
import { count, type Delivery, deliveries, postWebhook, resetSimulators, sign, stripeAct } from '../support/index.ts';

let paid: Delivery;

beforeAll(async () => {
  await resetSimulators();
  await env.DB.prepare("insert into customers (id, email) values ('cus_sig', 'sig@example.com')").run();
  const config = getConfig(env);
  const snapshot = snapshotOf(config.tiers[0]!, 'cus_sig');
  const session = await stripeClient(config).checkout.sessions.create({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 900, product_data: { name: 'Starter' } } }],
    success_url: 'https://shop.test/dashboard?session_id={CHECKOUT_SESSION_ID}',
    client_reference_id: 'cus_sig',
    metadata: snapshotMetadata(snapshot),
  });
  await stripeAct(session.id, 'pay');
  paid = (await deliveries({ sessionId: session.id, type: 'checkout.session.completed' }))[0]!;
});

const noEffect = async () => {
  expect(await count('select * from stripe_events')).toBe(0);
  expect(await count('select * from orders')).toBe(0);
  expect(await count('select * from pool_keys')).toBe(0);
};

describe('Stripe webhook signature', () => {
  it('refuses a delivery without a signature', async () => {
    const res = await postWebhook(paid.payload, null);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    await noEffect();
  });

  it('refuses a signature made with another secret', async () => {
    const res = await postWebhook(paid.payload, await sign(paid.payload, { secret: 'whsec_attacker' }));
    expect(res.status).toBe(400);
    await noEffect();
  });

  it('refuses a signature made with the secret padded by whitespace', async () => {
    for (const secret of [
      ` ${env.STRIPE_WEBHOOK_SECRET}`,
      `${env.STRIPE_WEBHOOK_SECRET}\n`,
      `${env.STRIPE_WEBHOOK_SECRET} `,
    ]) {
      const res = await postWebhook(paid.payload, await sign(paid.payload, { secret }));
      expect(res.status).toBe(400);
    }
    await noEffect();
  });

  it('refuses a correctly signed delivery older than 5 minutes (replay), and one from the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 301, now - 3600, now + 400]) {
      const res = await postWebhook(paid.payload, await sign(paid.payload, { timestamp }));
      expect(res.status).toBe(400);
    }
    await noEffect();
  });

  it('refuses a payload changed after signing', async () => {
    const tampered = paid.payload.replace('"payment_status": "paid"', '"payment_status": "paid" ');
    expect(tampered).not.toBe(paid.payload);
    const res = await postWebhook(tampered, paid.signature);
    expect(res.status).toBe(400);
    await noEffect();
  });

  it('refuses malformed headers', async () => {
    const [, v1] = paid.signature.split(',');
    for (const header of [
      'garbage',
      v1!,
      `t=abc,${v1}`,
      `t=1,t=2,${v1}`,
      `t=${Math.floor(Date.now() / 1000)}`,
      'v0=00',
    ]) {
      const res = await postWebhook(paid.payload, header);
      expect(res.status).toBe(400);
    }
    await noEffect();
  });

  it('accepts the header when any of several v1 signatures matches (secret roll-over)', async () => {
    const good = paid.signature.split(',')[1]!;
    const t = paid.signature.split(',')[0]!;
    const res = await postWebhook(paid.payload, `${t},v1=${'0'.repeat(64)},${good}`);
    expect(res.status).toBe(200);
    expect(await count('select * from stripe_events')).toBe(1);
  });
});
