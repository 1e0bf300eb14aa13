// Suspension and expiry are never minted around: a suspended customer gets no mint, no reveal, no rotation and no
// enabled key, whatever the platform does; a key minted again carries the right expiry and the usage already used.
import { createExecutionContext, env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/clock.ts';
import { reconcileCustomerKey } from '../../src/fulfilment/index.ts';
import { backgroundServices } from '../../src/services/index.ts';
import {
  call,
  customerWithKey,
  fireCron,
  keysOf,
  OPERATOR,
  resetSimulators,
  setUsage,
  signIn,
  sim,
  simControl,
  upstreamKey,
  upstreamKeysOf,
  upstreamMints,
} from '../support/index.ts';

const GB = 1024;
const DAY = 86_400_000;
let operator: string;

const reconcile = (id: string, at = Date.now()) =>
  reconcileCustomerKey(backgroundServices(env, createExecutionContext(), {}, clockFrom(at)), id);

async function vanish(upstreamId: string) {
  const res = await fetch(`${env.SIM_URL}/v1/reseller/pool-keys/${upstreamId}`, {
    method: 'DELETE',
    headers: { 'x-api-key': env.PROXIES_SX_API_KEY },
  });
  expect(res.status).toBe(200);
}

async function suspend(customerId: string) {
  const res = await call(`/api/admin/customers/${customerId}/suspend`, { json: { reason: 'abuse' }, cookie: operator });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  operator = await signIn(OPERATOR);
});
beforeEach(resetSimulators);

describe('a suspended customer', () => {
  it('whose key vanished upstream gets no new key, and cannot reveal or rotate', async () => {
    const { cookie, customerId, key } = await customerWithKey('suspended-vanished@example.com');
    await suspend(customerId);
    await vanish(key.id);
    expect(await reconcile(customerId)).toEqual({ state: 'synced' });
    await fireCron(Date.now() + DAY);
    expect(await upstreamKeysOf('suspended-vanished@example.com')).toEqual([]);
    for (const path of ['/api/key/reveal', '/api/key/rotate']) {
      const res = await call(path, { method: 'POST', cookie });
      expect(res.status, path).toBe(403);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('account_suspended');
    }
    const me = await (await call('/api/account', { cookie })).json<{ key: { status: string; reason: string } }>();
    expect(me.key).toMatchObject({ status: 'disabled', reason: 'suspended' });
  });

  it('stays unrevealable while the platform refuses to switch the key off, which the cron then finishes', async () => {
    const { cookie, customerId, key } = await customerWithKey('suspended-patch-fails@example.com');
    await simControl('/faults', { kind: 'error', status: 503, method: 'PATCH', count: 100 });
    await suspend(customerId);
    expect((await call('/api/key/reveal', { method: 'POST', cookie })).status).toBe(403);
    await sim('/_sim/proxies/faults', { method: 'DELETE' });
    await fireCron(Date.now() + DAY);
    expect(await upstreamKey(key.id)).toMatchObject({ enabled: false });
  });
});

describe('a key minted again', () => {
  it('carries the expiry of what was paid for and the usage already used', async () => {
    const { customerId, key } = await customerWithKey('remint@example.com', 'pro');
    await setUsage(key.id, 3 * GB + 512);
    await fireCron();
    await vanish(key.id);
    await fireCron(Date.now() + 60_000);
    const [row] = await keysOf(customerId);
    const again = await upstreamKey(row!.upstream_id);
    expect(again!.id).not.toBe(key.id);
    // 10 GB paid, 3.5 used: 7 GB (whole GB, rounded in the customer's favour) — not 10 again.
    expect(again).toMatchObject({ trafficCapGB: 7, enabled: true, expiresAt: key.expiresAt });
  });

  it('is not minted at all once what was paid for has expired', async () => {
    const { customerId, key } = await customerWithKey('expired-vanished@example.com', 'starter');
    await vanish(key.id);
    const before = await upstreamMints();
    // 40 days later: the 30 days paid for are over.
    expect(await reconcile(customerId, Date.now() + 40 * DAY)).toEqual({ state: 'synced' });
    expect(await upstreamMints()).toBe(before);
  });
});
