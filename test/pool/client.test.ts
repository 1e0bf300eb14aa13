// The Proxies.sx client against the simulator: every call, the platform's rules, every retry rule,
// shape validation and what reaches the logs.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { parseKeyUsage } from '../../src/pool/contract.ts';
import { UpstreamError } from '../../src/pool/errors.ts';
import {
  proxiesFault,
  resetSimulators,
  sim,
  simCalls,
  simControl,
  testClient,
  upstreamKeys,
  waitFor,
} from '../support/index.ts';

const DAY = 86_400_000;

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(UpstreamError);
    return err as UpstreamError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(resetSimulators);

describe('pool keys', () => {
  it('mints a key with its secret, then lists and gets it with the secret masked', async () => {
    const { client } = testClient();
    const minted = await client.mintKey({ label: 'customer 1', trafficCapGB: 10 });
    expect(minted).toMatchObject({
      label: 'customer 1',
      trafficCapGB: 10,
      enabled: true,
      trafficUsedMB: 0,
      expiresAt: null,
    });
    expect(minted.key).toMatch(/^pak_[0-9a-f]{24}$/);
    expect(minted.id).toMatch(/^[0-9a-f]{24}$/);
    const listed = await client.listKeys();
    expect(listed.map((k) => k.id)).toEqual([minted.id]);
    const got = await client.getKey(minted.id);
    expect(got.key).not.toBe(minted.key);
    expect(got.key).not.toMatch(/^pak_[0-9a-f]{24}$/);
    expect((await client.revealKey(minted.id)).key).toBe(minted.key);
  });

  it('sends the API key, JSON headers and a user agent', async () => {
    const { client } = testClient();
    await client.mintKey({ label: 'headers', trafficCapGB: 1 });
    // The simulator answers 401/403 to anything else; a mint that worked carried the reseller key.
    expect((await simCalls()).map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v1/reseller/pool-keys']);
  });

  it('refuses caps outside whole 1..1000 GB and a missing cap, with a 400 the client does not retry', async () => {
    const { client } = testClient();
    for (const trafficCapGB of [0, 1001, 1.5, null, undefined]) {
      const err = await rejection(client.mintKey({ label: 'bad cap', trafficCapGB } as never));
      expect(err).toMatchObject({
        kind: 'http',
        upstreamStatus: 400,
        retryable: false,
        status: 503,
        code: 'upstream_unavailable',
      });
    }
    expect(await simCalls()).toHaveLength(5);
    expect(await upstreamKeys()).toEqual([]);
  });

  it('updates label, cap, enabled and expiry; refuses an unlimited cap and a past expiry', async () => {
    const { client } = testClient();
    const key = await client.mintKey({ label: 'k', trafficCapGB: 5 });
    const expiresAt = new Date(Date.now() + 10 * DAY).toISOString();
    const updated = await client.updateKey(key.id, { label: 'renamed', trafficCapGB: 20, enabled: false, expiresAt });
    expect(updated).toMatchObject({ label: 'renamed', trafficCapGB: 20, enabled: false, expiresAt });
    expect((await client.updateKey(key.id, { expiresAt: null })).expiresAt).toBeNull();
    expect((await rejection(client.updateKey(key.id, { trafficCapGB: null }))).upstreamStatus).toBe(400);
    expect(
      (await rejection(client.updateKey(key.id, { expiresAt: new Date(Date.now() - DAY).toISOString() })))
        .upstreamStatus,
    ).toBe(400);
  });

  it('tops up cap and expiry from max(now, current), never re-enabling a key suspended at its cap', async () => {
    const { client } = testClient();
    const expiresAt = Date.now() + 5 * DAY;
    const key = await client.mintKey({ label: 'topup', trafficCapGB: 1, expiresAt: new Date(expiresAt).toISOString() });
    await simControl(`/keys/${key.id}/usage`, { usedMB: 1024 });
    const suspended = await client.getKey(key.id);
    expect(suspended.enabled).toBe(false);
    const topped = await client.topUpKey(key.id, { addTrafficGB: 10, extendDays: 30 });
    expect(topped.trafficCapGB).toBe(11);
    expect(Date.parse(topped.expiresAt!)).toBe(expiresAt + 30 * DAY);
    expect(topped.enabled).toBe(false);
    expect((await client.updateKey(key.id, { enabled: true })).enabled).toBe(true);
    expect((await rejection(client.topUpKey(key.id, {}))).upstreamStatus).toBe(400);
    expect((await rejection(client.topUpKey(key.id, { addTrafficGB: 990 }))).upstreamStatus).toBe(400);
  });

  it('expires a key: isExpired at once, disabled by the nightly job, audited', async () => {
    const { client } = testClient();
    const key = await client.mintKey({
      label: 'expiring',
      trafficCapGB: 1,
      expiresAt: new Date(Date.now() + DAY).toISOString(),
    });
    await simControl(`/keys/${key.id}/clock`, { advanceDays: 3 });
    const expired = await client.getKey(key.id);
    expect(expired).toMatchObject({ isExpired: true, enabled: false });
    expect((await client.keyAudit(key.id)).map((e) => e.action)).toContain('auto_suspended_expired');
    // A top up extends from now (not from the past expiry) and does not re-enable.
    const topped = await client.topUpKey(key.id, { extendDays: 1 });
    expect(topped.isExpired).toBe(false);
    expect(topped.enabled).toBe(false);
  });

  it('regenerates a new secret under the same id', async () => {
    const { client } = testClient();
    const key = await client.mintKey({ label: 'rotate', trafficCapGB: 1 });
    const rotated = await client.regenerateKey(key.id, { idempotencyKey: 'rotate-0001' });
    expect(rotated.id).toBe(key.id);
    expect(rotated.key).toMatch(/^pak_[0-9a-f]{24}$/);
    expect(rotated.key).not.toBe(key.key);
    // The same idempotency key replays the first rotation instead of rotating again.
    expect((await client.regenerateKey(key.id, { idempotencyKey: 'rotate-0001' })).key).toBe(rotated.key);
  });

  it('deletes a key; afterwards every call on it is a 404 with notFound', async () => {
    const { client } = testClient();
    const key = await client.mintKey({ label: 'gone', trafficCapGB: 1 });
    expect(await client.deleteKey(key.id)).toEqual({ message: expect.any(String) });
    for (const call of [client.getKey(key.id), client.deleteKey(key.id), client.topUpKey(key.id, { extendDays: 1 })]) {
      expect(await rejection(call)).toMatchObject({ notFound: true, upstreamStatus: 404, retryable: false });
    }
  });

  it('replays a keyed mint for 24 h instead of minting twice', async () => {
    const { client } = testClient();
    const first = await client.mintKey({ label: 'once', trafficCapGB: 2 }, { idempotencyKey: 'order_000123' });
    const again = await client.mintKey({ label: 'once', trafficCapGB: 2 }, { idempotencyKey: 'order_000123' });
    expect(again.id).toBe(first.id);
    expect(await upstreamKeys()).toHaveLength(1);
    await simControl('/clock', { advanceMs: DAY + 1000 });
    const later = await client.mintKey({ label: 'once', trafficCapGB: 2 }, { idempotencyKey: 'order_000123' });
    expect(later.id).not.toBe(first.id);
  });

  it('refuses a malformed idempotency key before sending anything', async () => {
    const { client } = testClient();
    expect(await rejection(client.mintKey({ label: 'x', trafficCapGB: 1 }, { idempotencyKey: 'short' }))).toMatchObject(
      { kind: 'config' },
    );
    expect(await rejection(client.getKey('../../admin'))).toMatchObject({ kind: 'config' });
    expect(await simCalls()).toEqual([]);
  });

  it('reads the audit trail of a key and of the reseller, newest first, filtered by action', async () => {
    const { client } = testClient();
    const key = await client.mintKey({ label: 'audited', trafficCapGB: 1 });
    await client.revealKey(key.id);
    await client.topUpKey(key.id, { addTrafficGB: 1 });
    const events = await client.keyAudit(key.id, { limit: 10 });
    expect(events.map((e) => e.action)).toEqual(['topup', 'reveal', 'create']);
    expect(events[0]).toMatchObject({ pakId: key.id, authMethod: 'apiKey' });
    expect((await client.resellerAudit({ action: 'reveal' })).map((e) => e.action)).toEqual(['reveal']);
    expect((await rejection(client.keyAudit(key.id, { limit: 201 }))).upstreamStatus).toBe(400);
  });

  it('reads daily usage, zero-filled, and the gateway suspends the key at its cap', async () => {
    const { client } = testClient();
    const key = await client.mintKey({ label: 'usage', trafficCapGB: 1 });
    await simControl(`/keys/${key.id}/usage`, { usedMB: 300 });
    const usage = await client.keyUsage(key.id, 30);
    expect(usage).toHaveLength(30);
    const today = usage.at(-1)!;
    expect(today.inMB + today.outMB).toBeCloseTo(300);
    expect(usage.slice(0, -1).every((d) => d.inMB === 0 && d.outMB === 0)).toBe(true);
    expect((await client.getKey(key.id)).enabled).toBe(true);
    await simControl(`/keys/${key.id}/usage`, { addMB: 724 });
    expect(await client.getKey(key.id)).toMatchObject({ enabled: false, trafficUsedMB: 1024 });
    expect((await client.keyAudit(key.id)).map((e) => e.action)).toContain('auto_suspended_cap_exceeded');
  });
});

describe('gateway sessions are always scoped to one key', () => {
  it('lists and closes only the sessions of the given key', async () => {
    const { client } = testClient();
    const a = await client.mintKey({ label: 'a', trafficCapGB: 1 });
    const b = await client.mintKey({ label: 'b', trafficCapGB: 1 });
    await simControl(`/keys/${a.id}/sessions`, { count: 2, sid: 'alice' });
    const [foreign] = await simControl<{ sessionKey: string }[]>(`/keys/${b.id}/sessions`, { sid: 'bob' });
    const listed = await client.listSessions(a.id);
    expect(listed.count).toBe(2);
    expect(listed.sessions.map((s) => s.sessionId).sort()).toEqual(['alice_1', 'alice_2']);
    expect(listed.sessions[0]!.sessionKey).toContain(':');
    expect(await client.closeSession(a.id, foreign!.sessionKey)).toMatchObject({
      success: false,
      message: 'Session not found',
    });
    expect(await client.closeSession(a.id, listed.sessions[0]!.sessionKey)).toMatchObject({ success: true });
    expect(await client.closeAllSessions(a.id)).toMatchObject({ success: true, count: 1 });
    expect((await client.listSessions(a.id)).count).toBe(0);
    expect((await client.listSessions(b.id)).count).toBe(1);
  });

  it('never asks for the reseller-wide list (no pakId)', async () => {
    const { client } = testClient();
    expect(await rejection(client.listSessions(''))).toMatchObject({ kind: 'config' });
    expect(await rejection(client.closeAllSessions(''))).toMatchObject({ kind: 'config' });
    expect(await simCalls()).toEqual([]);
  });
});

describe('public endpoints', () => {
  it('reads the stock in its one correct shape', async () => {
    const { client } = testClient();
    const stock = await client.stock();
    // What the platform served, as a client without our parsing sees it.
    expect(stock.pools).toEqual((await sim<{ pools: unknown }>('/v1/gateway/pool/stock')).pools);
    expect(stock.totals).toEqual({ mbl: 157, peer: 1, all: 158 });
    expect(Date.parse(stock.generatedAt)).not.toBeNaN();
  });

  it('reads incidents from the envelope and from the older bare array', async () => {
    const { client } = testClient();
    const feed = await client.incidents();
    expect(feed.incidents.length).toBeGreaterThan(0);
    expect(feed.generatedAt).not.toBeNull();
    await simControl('/incidents', { incidents: feed.incidents.slice(0, 1), bare: true }, 'PUT');
    expect(await client.incidents()).toEqual({ incidents: feed.incidents.slice(0, 1), generatedAt: null });
  });

  it('reads wholesale pricing as opaque JSON', async () => {
    const { client } = testClient();
    expect(await client.wholesalePricing()).toMatchObject({ currency: expect.any(String) });
  });
});

describe('shape validation', () => {
  it('fails loudly on a body that is not JSON, without retrying', async () => {
    const { client } = testClient();
    await proxiesFault({ kind: 'malformed', path: '/gateway/pool/stock' });
    expect(await rejection(client.stock())).toMatchObject({ kind: 'shape', retryable: false, upstreamStatus: 200 });
    expect(await simCalls()).toHaveLength(1);
  });

  it('fails loudly when the stock changes shape', async () => {
    const { client } = testClient();
    await simControl('/stock', { pools: { mbl: { us: 'many' }, peer: {} } }, 'PUT');
    const err = await rejection(client.stock());
    expect(err.kind).toBe('shape');
    expect(err.message).toContain('pools.mbl.us');
  });

  it('rejects an unknown incident severity', async () => {
    const { client } = testClient();
    await simControl(
      '/incidents',
      {
        incidents: [{ id: 'x', severity: 'apocalyptic', title: 't', startedAt: new Date().toISOString(), affects: [] }],
      },
      'PUT',
    );
    expect((await rejection(client.incidents())).kind).toBe('shape');
  });

  it('reads key usage defensively: bare arrays, bytes, numeric strings', () => {
    expect(parseKeyUsage([{ day: '2026-11-01', bytesIn: 1048576, bytesOut: 2097152 }])).toEqual([
      { date: '2026-11-01', inMB: 1, outMB: 2 },
    ]);
    expect(parseKeyUsage({ daily: [{ date: '2026-11-02T00:00:00Z', inMB: '1.5' }, { nodate: true }] })).toEqual([
      { date: '2026-11-02', inMB: 1.5, outMB: 0 },
    ]);
    expect(parseKeyUsage({ total: 5 })).toBeNull();
  });
});

describe('authentication failures', () => {
  it('401 and 403 are auth errors, not retried, and reach a customer only as a generic 503', async () => {
    const upstream = getConfig(env).upstream;
    for (const [apiKey, status] of [
      ['psx_revoked_key', 401],
      ['psx_sim_no_scope_key', 403],
    ] as const) {
      const { client } = testClient({ config: { ...upstream, apiKey } });
      const err = await rejection(client.listKeys());
      expect(err).toMatchObject({
        auth: true,
        upstreamStatus: status,
        retryable: false,
        status: 503,
        code: 'upstream_unavailable',
        expose: false,
      });
      expect(err.upstreamRequestId).toMatch(/^req_/);
    }
    expect(await simCalls()).toHaveLength(2);
  });
});

describe('retries', () => {
  it('retries a GET on 5xx with full-jitter backoff, then succeeds', async () => {
    const { client, delays } = testClient({ random: () => 1 });
    await proxiesFault({ kind: 'error', status: 502, count: 2, path: '/gateway/pool/stock' });
    await client.stock();
    expect(await simCalls()).toHaveLength(3);
    expect(delays).toEqual([50, 100]);
  });

  it('gives up after the bounded number of retries, with the upstream request id in the error and the log', async () => {
    const { client, log } = testClient({ maxRetries: 2 });
    await proxiesFault({ kind: 'error', status: 503, count: 5, path: '/gateway/pool/stock' });
    const err = await rejection(client.stock());
    expect(err).toMatchObject({ upstreamStatus: 503, retryable: true, attempts: 3 });
    expect(await simCalls()).toHaveLength(3);
    const failure = log.lines.map((l) => JSON.parse(l)).find((l) => l.level === 'error');
    expect(failure).toMatchObject({
      msg: 'upstream call failed',
      upstreamRequestId: err.upstreamRequestId,
      upstreamStatus: 503,
    });
  });

  it('honours retry-after on 429', async () => {
    const { client, delays } = testClient({ random: () => 0 });
    await proxiesFault({ kind: 'rate_limit', retryAfter: 2, path: '/gateway/incidents' });
    await client.incidents();
    expect(delays).toEqual([2000]);
    expect(await simCalls()).toHaveLength(2);
  });

  it('does not wait for a retry-after longer than it allows: fails as rate limited', async () => {
    const { client, delays } = testClient({ maxRetryAfterMs: 5_000 });
    await proxiesFault({ kind: 'rate_limit', retryAfter: 120, path: '/gateway/pool/stock' });
    expect(await rejection(client.stock())).toMatchObject({ rateLimited: true, retryAfterMs: 120_000 });
    expect(delays).toEqual([]);
  });

  it('retries a GET after a connection reset', async () => {
    const { client } = testClient();
    await proxiesFault({ kind: 'reset', path: '/gateway/pool/stock' });
    await client.stock();
    expect(await simCalls()).toHaveLength(2);
  });

  it('times out a slow body (the timeout covers the body read) and retries the GET', async () => {
    const slow = testClient({ timeoutMs: 150, maxRetries: 0 });
    await proxiesFault({ kind: 'slow_body', ms: 1000, path: '/gateway/pool/stock' });
    expect(await rejection(slow.client.stock())).toMatchObject({ kind: 'timeout', retryable: true });
    const { client } = testClient({ timeoutMs: 150 });
    await proxiesFault({ kind: 'slow_body', ms: 1000, path: '/gateway/pool/stock' });
    await client.stock();
  });

  it('never retries an un-keyed POST after a timeout (it may have succeeded)', async () => {
    const { client } = testClient({ timeoutMs: 100 });
    await proxiesFault({ kind: 'latency', ms: 400, method: 'POST', path: '/reseller/pool-keys' });
    expect(await rejection(client.mintKey({ label: 'unkeyed', trafficCapGB: 1 }))).toMatchObject({ kind: 'timeout' });
    expect((await simCalls()).filter((c) => c.method === 'POST')).toHaveLength(1);
    // …and it did succeed upstream: a retry would have minted a second key.
    await waitFor(async () => (await upstreamKeys()).length === 1);
  });

  it('never retries an un-keyed POST after a 5xx either', async () => {
    const { client } = testClient();
    await proxiesFault({ kind: 'error', status: 500, method: 'POST' });
    const key = await client.mintKey({ label: 'k', trafficCapGB: 1 }, { idempotencyKey: 'mint-k-0001' });
    await proxiesFault({ kind: 'error', status: 500, method: 'POST' });
    expect(await rejection(client.revealKey(key.id))).toMatchObject({ upstreamStatus: 500, attempts: 1 });
  });

  it('retries a keyed POST after a timeout, and the platform replays instead of minting twice', async () => {
    const { client } = testClient({ timeoutMs: 100 });
    await proxiesFault({ kind: 'latency', ms: 400, method: 'POST', path: '/reseller/pool-keys' });
    const key = await client.mintKey({ label: 'keyed', trafficCapGB: 1 }, { idempotencyKey: 'order_timeout_1' });
    expect((await simCalls()).filter((c) => c.method === 'POST')).toHaveLength(2);
    await waitFor(async () => (await sim<{ count: number }>('/_sim/proxies/inflight')).count === 0); // the slow first request finished
    expect((await upstreamKeys()).map((k) => k.id)).toEqual([key.id]);
  });

  it('checks state before retrying a DELETE: a delete that happened is not sent again', async () => {
    const { client } = testClient();
    const key = await client.mintKey({ label: 'del', trafficCapGB: 1 });
    await proxiesFault({ kind: 'reset', afterProcessing: true, method: 'DELETE' });
    expect(await client.deleteKey(key.id)).toEqual({ message: expect.any(String) });
    expect((await simCalls()).slice(1).map((c) => c.method)).toEqual(['DELETE', 'GET']);
  });

  it('checks state before retrying a DELETE: one that did not happen is sent again', async () => {
    const { client } = testClient();
    const key = await client.mintKey({ label: 'del', trafficCapGB: 1 });
    await proxiesFault({ kind: 'error', status: 503, method: 'DELETE' });
    await client.deleteKey(key.id);
    expect((await simCalls()).slice(1).map((c) => c.method)).toEqual(['DELETE', 'GET', 'DELETE']);
    expect(await upstreamKeys()).toEqual([]);
  });
});

describe('secrets stay out of logs', () => {
  it('logs neither the API key nor a pak secret, even when failing around them', async () => {
    const { client, log } = testClient({ maxRetries: 1 });
    const key = await client.mintKey({ label: 'secret', trafficCapGB: 1 });
    await proxiesFault({ kind: 'error', status: 500, count: 5 });
    await rejection(client.regenerateKey(key.id, { idempotencyKey: 'rotate-secret-1' }));
    await rejection(client.getKey(key.id));
    expect(log.lines.length).toBeGreaterThan(0);
    const text = log.lines.join('\n');
    expect(text).not.toContain(env.PROXIES_SX_API_KEY);
    expect(text).not.toContain(key.key);
  });
});
