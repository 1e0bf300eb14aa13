// Rotation cannot lose the secret: the platform kills the old secret the moment regenerate answers, so the new one
// is stored at once and checked afterwards; when the check fails the reconcile reads the live secret, and what the
// dashboard shows is the one the platform accepts. The console's rotate is idempotent like the dashboard's.
import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RevealAnswer, RotateAnswer } from '../../src/shared/dashboard.ts';
import {
  CURRENT_KEY_SQL,
  call,
  clearProxiesFaults,
  customerWithKey,
  fireCron,
  json,
  mask,
  OPERATOR,
  resetSimulators,
  signIn,
  simControl,
  upstreamKey,
} from '../support/index.ts';

const reveal = async (cookie: string) =>
  (await json<RevealAnswer>('/api/key/reveal', { method: 'POST', cookie })).body.secret;
const row = (customerId: string) =>
  env.DB.prepare(CURRENT_KEY_SQL).bind(customerId).first<{ secret_check: number; sync_state: string }>();

/** The platform's audit of one key: how often it was regenerated. */
async function regenerations(upstreamId: string): Promise<number> {
  const res = await fetch(`${env.SIM_URL}/v1/reseller/pool-keys/${upstreamId}/audit?limit=200`, {
    headers: { 'x-api-key': env.PROXIES_SX_API_KEY },
  });
  return (await res.json<{ action: string }[]>()).filter((e) => e.action === 'regenerate').length;
}

beforeAll(resetSimulators);
beforeEach(clearProxiesFaults);

describe('a failure after regenerate', () => {
  it('still stores and shows the live secret', async () => {
    const { cookie, customerId, key } = await customerWithKey('rotate-lost-read@example.com');
    // Regenerate succeeds; every read of the key after it fails.
    await simControl('/faults', {
      kind: 'error',
      status: 500,
      method: 'GET',
      path: `/reseller/pool-keys/${key.id}`,
      count: 10,
    });
    const rotated = await json<RotateAnswer>('/api/key/rotate', {
      method: 'POST',
      cookie,
      headers: { 'idempotency-key': 'rot_lost_read_1' },
    });
    expect(rotated.status).toBe(200);
    const live = (await upstreamKey(key.id))!.key;
    expect(live).not.toBe(key.key);
    expect(rotated.body.secret).toBe(live);
    expect(await reveal(cookie)).toBe(live);
    // Marked for a check the reconcile makes; once made, the mark is gone and the secret is unchanged.
    expect(await row(customerId)).toMatchObject({ secret_check: 1, sync_state: 'pending' });
    await clearProxiesFaults();
    await fireCron();
    expect(await row(customerId)).toMatchObject({ secret_check: 0, sync_state: 'synced' });
    expect(await reveal(cookie)).toBe(live);
  });

  it('a replayed rotation whose check fails is repaired to the live secret by the reconcile', async () => {
    const { cookie, customerId, key } = await customerWithKey('rotate-replay-lost@example.com');
    const first = { 'idempotency-key': 'rot_replay_lost_1' };
    await json<RotateAnswer>('/api/key/rotate', { method: 'POST', cookie, headers: first });
    const second = await json<RotateAnswer>('/api/key/rotate', {
      method: 'POST',
      cookie,
      headers: { 'idempotency-key': 'rot_replay_lost_2' },
    });
    // The first request is retried (the platform replays its dead secret) and the check cannot be made.
    await simControl('/faults', {
      kind: 'error',
      status: 500,
      method: 'GET',
      path: `/reseller/pool-keys/${key.id}`,
      count: 10,
    });
    await json<RotateAnswer>('/api/key/rotate', { method: 'POST', cookie, headers: first });
    await clearProxiesFaults();
    await fireCron();
    const live = (await upstreamKey(key.id))!.key;
    expect(live).toBe(second.body.secret);
    expect(await reveal(cookie)).toBe(live);
    expect((await row(customerId))?.secret_check).toBe(0);
    expect((await json<{ key: { secretMask: string } }>('/api/account', { cookie })).body.key.secretMask).toBe(
      mask(live),
    );
  });
});

describe('the console’s rotate', () => {
  let operator: string;
  beforeAll(async () => {
    operator = await signIn(OPERATOR);
  });

  it('rotates once for one confirmation, however often the request is sent', async () => {
    const { customerId, key, cookie } = await customerWithKey('console-rotate@example.com');
    const headers = { 'idempotency-key': 'console_rotate_1' };
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        call(`/api/admin/customers/${customerId}/rotate-key`, { json: {}, cookie: operator, headers }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await regenerations(key.id)).toBe(1);
    expect(await reveal(cookie)).toBe((await upstreamKey(key.id))!.key);
    const bad = await call(`/api/admin/customers/${customerId}/rotate-key`, {
      json: {},
      cookie: operator,
      headers: { 'idempotency-key': 'x' },
    });
    expect(bad.status).toBe(400);
  });
});
