// Test mode in production: a Stripe test key is refused by the config check (and named by /api/healthz), and a
// test-mode event (livemode: false) reaching a production shop is acknowledged and changes nothing.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.ts';
import {
  call,
  count,
  deliveries,
  orderRow,
  PRODUCTION_VARS,
  postWebhook,
  resetSimulators,
  sign,
  signIn,
  startCheckout,
  stripeAct,
} from '../support/index.ts';

const productionBindings = (overrides: Record<string, string> = {}): Record<string, unknown> => ({
  ...env,
  ...PRODUCTION_VARS,
  ...overrides,
});
const productionEnv = (overrides: Record<string, string> = {}) => productionBindings(overrides) as unknown as Env;

describe('a Stripe test key in production', () => {
  it('passes the check with a live key, and is refused by name with a test key (secret or restricted)', () => {
    expect(parseConfig(productionBindings())).toMatchObject({ ok: true });
    for (const key of ['sk_test_51RealLookingTestKey', 'rk_test_51RestrictedTestKey']) {
      const result = parseConfig(productionBindings({ STRIPE_SECRET_KEY: key }));
      expect(result.ok).toBe(false);
      const problems = result.ok ? [] : result.problems;
      expect(problems).toEqual([
        expect.objectContaining({ variable: 'STRIPE_SECRET_KEY', message: expect.stringMatching(/test-mode key/) }),
      ]);
      expect(JSON.stringify(problems)).not.toContain(key);
    }
  });

  it('is accepted in development and test, where the simulator stands in for Stripe', () => {
    for (const SHOP_ENV of ['development', 'test'])
      expect(parseConfig({ ...env, SHOP_ENV, STRIPE_SECRET_KEY: 'sk_test_51RealLookingTestKey' })).toMatchObject({
        ok: true,
      });
  });

  it('is named by /api/healthz, which answers 503 without quoting the key', async () => {
    const res = await call('/api/healthz', { env: productionEnv({ STRIPE_SECRET_KEY: 'sk_test_51HealthzKey' }) });
    expect(res.status).toBe(503);
    const body = await res.json<{ checks: { config: { ok: boolean; problems: { variable: string }[] } } }>();
    expect(body.checks.config).toEqual({ ok: false, problems: [{ variable: 'STRIPE_SECRET_KEY', field: '' }] });
    expect(JSON.stringify(body)).not.toContain('sk_test_51HealthzKey');
  });
});

describe('a test-mode event in production', () => {
  let completed: string;
  let expired: string;
  let paidSession: string;
  let openSession: string;

  beforeAll(async () => {
    await resetSimulators();
    const cookie = await signIn('testmode@example.com');
    paidSession = await startCheckout(cookie, 'pro');
    openSession = await startCheckout(cookie, 'starter');
    await stripeAct(paidSession, 'pay');
    await stripeAct(openSession, 'expire');
    completed = (await deliveries({ sessionId: paidSession, type: 'checkout.session.completed' }))[0]!.payload;
    expired = (await deliveries({ sessionId: openSession, type: 'checkout.session.expired' }))[0]!.payload;
  });

  /** Posts a payload to the production shop, signed with its endpoint secret. */
  async function postToProduction(payload: string): Promise<{ status: number; result: string }> {
    const res = await postWebhook(
      payload,
      await sign(payload, { secret: PRODUCTION_VARS.STRIPE_WEBHOOK_SECRET }),
      productionEnv(),
    );
    return { status: res.status, result: (await res.json<{ result: string }>()).result };
  }

  const orderOf = async (sessionId: string) =>
    orderRow(
      (await env.DB.prepare('select id from orders where stripe_session_id = ?')
        .bind(sessionId)
        .first<{ id: string }>())!.id,
    );

  it('is acknowledged (so Stripe stops retrying) and pays for nothing', async () => {
    expect(JSON.parse(completed)).toMatchObject({ livemode: false, data: { object: { payment_status: 'paid' } } });
    expect(await postToProduction(completed)).toEqual({ status: 200, result: 'ignored' });
    expect(await orderOf(paidSession)).toMatchObject({ status: 'pending', paid_at: null });
    expect(await count('select * from stripe_events')).toBe(0);
    expect(await count('select * from pool_keys')).toBe(0);
  });

  it('the same event in live mode is applied by the production shop', async () => {
    const live = JSON.stringify({ ...JSON.parse(expired), livemode: true });
    expect(await postToProduction(expired)).toEqual({ status: 200, result: 'ignored' });
    expect(await orderOf(openSession)).toMatchObject({ status: 'pending' });
    expect(await postToProduction(live)).toEqual({ status: 200, result: 'applied' });
    expect(await orderOf(openSession)).toMatchObject({ status: 'expired' });
  });

  it('is still processed in development and test', async () => {
    expect((await postWebhook(completed, await sign(completed))).status).toBe(200);
    expect(await orderOf(paidSession)).toMatchObject({ status: 'paid' });
  });
});
