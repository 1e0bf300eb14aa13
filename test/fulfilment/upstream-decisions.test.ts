// A key a person switched off in the Proxies.sx panel stays off through purchases and cron runs: the shop reads
// the platform's audit trail to tell that from an auto-suspension (which it does undo once there is traffic to
// give), shows it to the customer and the operator, and lets them buy nothing more until support sorts it out.
import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerDetail } from '../../src/shared/admin.ts';
import type { AccountAnswer } from '../../src/shared/dashboard.ts';
import {
  call,
  customerWithKey,
  fireCron,
  keysOf,
  OPERATOR,
  pay,
  resetSimulators,
  settled,
  setUsage,
  signIn,
  simControl,
  startCheckout,
  upstreamKey,
} from '../support/index.ts';

const DAY = 86_400_000;
let operator: string;

beforeAll(async () => {
  operator = await signIn(OPERATOR);
});
beforeEach(resetSimulators);

/** A person in the Proxies.sx panel switches the key on or off. */
const panel = (upstreamId: string, enabled: boolean) => simControl(`/keys/${upstreamId}/panel`, { enabled });

describe('a key switched off by a person in the panel', () => {
  it('stays off through a purchase, a grant and cron runs, and both the customer and the operator are told', async () => {
    const { cookie, customerId, key } = await customerWithKey('panel-off@example.com', 'pro');
    // A checkout started before the decision, paid after it.
    const sessionId = await startCheckout(cookie, 'pro');
    await panel(key.id, false);
    await pay(sessionId);
    await settled(customerId);
    expect(await upstreamKey(key.id)).toMatchObject({ enabled: false, trafficCapGB: 20 });
    const [row] = await keysOf(customerId);
    expect(row!.upstream_disabled_at).not.toBeNull();

    const grant = await call(`/api/admin/customers/${customerId}/grant`, { json: { gb: 5 }, cookie: operator });
    expect(grant.status).toBe(200);
    await fireCron(Date.now() + DAY);
    await fireCron(Date.now() + 2 * DAY);
    expect(await upstreamKey(key.id)).toMatchObject({ enabled: false, trafficCapGB: 25 });

    const me = await (await call('/api/account', { cookie })).json<AccountAnswer>();
    expect(me.key).toMatchObject({ status: 'disabled', reason: 'provider_disabled' });
    expect(me.key.reasonText).toMatch(/disabled by the provider.*contact support/i);
    const detail = await (
      await call(`/api/admin/customers/${customerId}`, { cookie: operator })
    ).json<CustomerDetail>();
    expect(detail.status).toBe('provider_disabled');
    expect(detail.key?.upstreamDisabledAt).not.toBeNull();
    expect(detail.key?.generations[0]).toMatchObject({ generation: 1, state: 'current' });

    // No more money for a key that cannot be used.
    const refused = await call('/api/checkout', { json: { tierId: 'starter' }, cookie });
    expect(refused.status).toBe(403);
    expect((await refused.json<{ error: { code: string } }>()).error.code).toBe('key_disabled_upstream');

    // Switched back on in the panel: the shop sees it on its next sweep and carries on as before.
    await panel(key.id, true);
    await fireCron(Date.now() + 3 * DAY);
    expect((await keysOf(customerId))[0]!.upstream_disabled_at).toBeNull();
    expect((await call('/api/checkout', { json: { tierId: 'starter' }, cookie })).status).toBe(200);
  });

  it('is noticed at checkout, before any money is taken', async () => {
    const { cookie, customerId, key } = await customerWithKey('panel-off-checkout@example.com', 'starter');
    await panel(key.id, false);
    const refused = await call('/api/checkout', { json: { tierId: 'pro' }, cookie });
    expect(refused.status).toBe(403);
    expect((await refused.json<{ error: { code: string } }>()).error.code).toBe('key_disabled_upstream');
    const pending = await env.DB.prepare(
      "select count(*) as n from orders where customer_id = ? and status = 'pending'",
    )
      .bind(customerId)
      .first<{ n: number }>();
    expect(pending!.n).toBe(0);
  });

  it('an auto-suspension at the cap is still undone by the next purchase', async () => {
    const { cookie, customerId, key } = await customerWithKey('auto-off@example.com', 'starter');
    await setUsage(key.id, 1024);
    expect(await upstreamKey(key.id)).toMatchObject({ enabled: false });
    await pay(await startCheckout(cookie, 'starter'));
    await settled(customerId);
    expect(await upstreamKey(key.id)).toMatchObject({ enabled: true, trafficCapGB: 2 });
    expect((await keysOf(customerId))[0]!.upstream_disabled_at).toBeNull();
  });

  it('a key the shop switched off itself (a refund of everything) comes back when the customer buys again', async () => {
    const { cookie, customerId, key } = await customerWithKey('shop-off@example.com', 'starter');
    await env.DB.prepare(
      "update orders set refunded_gb = gb, refunded_amount = price, status = 'refunded' where customer_id = ?",
    )
      .bind(customerId)
      .run();
    await call(`/api/admin/customers/${customerId}/refulfil`, { json: {}, cookie: operator });
    expect(await upstreamKey(key.id)).toMatchObject({ enabled: false });
    await pay(await startCheckout(cookie, 'starter'));
    await settled(customerId);
    expect(await upstreamKey(key.id)).toMatchObject({ enabled: true });
  });
});
