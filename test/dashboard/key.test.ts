// A customer's own key from the dashboard: status and usage, reveal (audited, from the sealed copy), rotate
// (recent sign-in, idempotent, the old secret dies, sessions closed, audited), and upstream trouble shown as a
// clear 503 without internals while what the shop knows keeps working.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountAnswer, RevealAnswer, RotateAnswer, SessionsAnswer } from '../../src/shared/dashboard.ts';
import { MINUTE_MS } from '../../src/time.ts';
import {
  auditActions,
  clearProxiesFaults,
  customerWithKey,
  type ErrorBody,
  json,
  later,
  mask,
  proxiesFault,
  resetSimulators,
  simCalls,
  simControl,
  upstreamKey,
} from '../support/index.ts';

beforeAll(resetSimulators);
beforeEach(clearProxiesFaults);

describe('status and usage', () => {
  it('shows an active key with its mask, cap, expiry and live usage', async () => {
    const { cookie, key } = await customerWithKey('status@example.com', 'pro');
    await simControl(`/keys/${key.id}/usage`, { usedMB: 1536 });
    const { body, res } = await json<AccountAnswer>('/api/account', { cookie });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(body.key).toMatchObject({
      status: 'active',
      reason: null,
      secretMask: mask(key.key),
      usedMb: 1536,
      capGb: 10,
      live: true,
      updating: false,
    });
    expect(body.key.expiresAt).toBe(Date.parse(key.expiresAt!));
    expect(body.gateway).toEqual({ host: 'gw.proxies.sx', username: 'psx_acme' });
    expect(JSON.stringify(body)).not.toContain(key.key);
  });

  it('says why a key is off when all its traffic is used', async () => {
    const { cookie, key } = await customerWithKey('capped@example.com', 'starter');
    await simControl(`/keys/${key.id}/usage`, { usedMB: 1024 });
    const { body } = await json<AccountAnswer>('/api/account', { cookie });
    expect(body.key).toMatchObject({ status: 'disabled', reason: 'cap_reached', usedMb: 1024, capGb: 1 });
    expect(body.key.reasonText).toMatch(/used all 1 GB/);
    // In the language the customer reads the shop in.
    const german = await json<AccountAnswer>('/api/account', { cookie: `${cookie}; shop_locale=de` });
    expect(german.body.key.reasonText).toBe(
      'Du hast deine ganzen 1 GB Traffic verbraucht. Kauf mehr, um deinen Schlüssel wieder einzuschalten.',
    );
  });

  it('keeps the platform’s view of a key for every isolate of the location, so the next load asks nothing', async () => {
    const { cookie, key } = await customerWithKey('cached-view@example.com', 'starter');
    await simControl(`/keys/${key.id}/usage`, { usedMB: 300 });
    expect((await json<AccountAnswer>('/api/account', { cookie })).body.key.usedMb).toBe(300);
    // Kept in the Cache API (shared by the location's isolates), not only in this isolate's memory.
    const location = (globalThis as unknown as { caches: { default: Cache } }).caches.default;
    expect(await location.match(`https://live-key.cache.invalid/${key.id}`)).toBeDefined();
    const before = (await simCalls()).length;
    const { body } = await json<AccountAnswer>('/api/account', { cookie });
    expect(body.key).toMatchObject({ live: true, usedMb: 300 });
    expect((await simCalls()).slice(before).filter((c) => c.path.includes(key.id))).toEqual([]);
  });

  it('says when a key has expired', async () => {
    const { cookie, key } = await customerWithKey('expired@example.com', 'starter');
    await simControl(`/keys/${key.id}/clock`, { advanceDays: 31 });
    const { body } = await json<AccountAnswer>('/api/account', { cookie });
    expect(body.key.status).toBe('expired');
    expect(body.key.reasonText).toMatch(/expired/);
  });
});

describe('reveal', () => {
  it('returns the secret from the sealed copy (no platform call) and audits it', async () => {
    const { cookie, customerId, key } = await customerWithKey('reveal@example.com');
    const before = (await simCalls()).length;
    const { status, body, res } = await json<RevealAnswer>('/api/key/reveal', { method: 'POST', cookie });
    expect(status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(body).toEqual({ secret: key.key, secretMask: mask(key.key) });
    expect((await simCalls()).slice(before)).toEqual([]);
    expect(await auditActions(customerId)).toContain('key.reveal');
  });
});

describe('rotate', () => {
  it('gives a new secret, kills the old one, closes the key’s sessions, and is audited', async () => {
    const { cookie, customerId, key } = await customerWithKey('rotate@example.com');
    await simControl(`/keys/${key.id}/sessions`, { count: 2, sid: 'bot' });
    const { status, body } = await json<RotateAnswer>('/api/key/rotate', {
      method: 'POST',
      cookie,
      headers: { 'idempotency-key': 'rot_first_attempt_1' },
    });
    expect(status).toBe(200);
    const now = await upstreamKey(key.id);
    expect(body).toEqual({ secret: now!.key, secretMask: mask(now!.key), sessionsClosed: true, previousKey: null });
    expect(body.secret).not.toBe(key.key);
    expect((await json<SessionsAnswer>('/api/sessions', { cookie })).body.sessions).toEqual([]);
    expect((await json<RevealAnswer>('/api/key/reveal', { method: 'POST', cookie })).body.secret).toBe(body.secret);
    expect((await json<AccountAnswer>('/api/account', { cookie })).body.key.secretMask).toBe(mask(body.secret));
    expect(await auditActions(customerId)).toContain('key.rotate');
  });

  it('a retried request with the same Idempotency-Key rotates once', async () => {
    const { cookie, key } = await customerWithKey('rotate-twice@example.com');
    const headers = { 'idempotency-key': 'rot_double_click_1' };
    const [first, second] = await Promise.all([
      json<RotateAnswer>('/api/key/rotate', { method: 'POST', cookie, headers }),
      json<RotateAnswer>('/api/key/rotate', { method: 'POST', cookie, headers }),
    ]);
    expect(first.body.secret).toBe(second.body.secret);
    expect((await upstreamKey(key.id))!.key).toBe(first.body.secret);
  });

  it('replaying an old rotation after a newer one keeps the newest secret (a replayed answer is not trusted blindly)', async () => {
    const { cookie, key } = await customerWithKey('rotate-replay@example.com');
    const one = await json<RotateAnswer>('/api/key/rotate', {
      method: 'POST',
      cookie,
      headers: { 'idempotency-key': 'rot_replay_one' },
    });
    const two = await json<RotateAnswer>('/api/key/rotate', {
      method: 'POST',
      cookie,
      headers: { 'idempotency-key': 'rot_replay_two' },
    });
    expect(two.body.secret).not.toBe(one.body.secret);
    const again = await json<RotateAnswer>('/api/key/rotate', {
      method: 'POST',
      cookie,
      headers: { 'idempotency-key': 'rot_replay_one' },
    });
    const current = (await upstreamKey(key.id))!.key;
    expect(again.body.secret).toBe(current);
    expect((await json<RevealAnswer>('/api/key/reveal', { method: 'POST', cookie })).body.secret).toBe(current);
  });

  it('needs a sign-in from the last 10 minutes, and changes nothing without one', async () => {
    const { cookie, key } = await customerWithKey('rotate-stale@example.com');
    // Eleven minutes after the sign-in.
    const stale = later(11 * MINUTE_MS);
    const { status, body } = await json<ErrorBody>('/api/key/rotate', { method: 'POST', cookie, env: stale });
    expect(status).toBe(403);
    expect(body.error.code).toBe('reauth_required');
    expect((await upstreamKey(key.id))!.key).toBe(key.key);
    // Everything else still works with the older sign-in.
    const reveal = await json<RevealAnswer>('/api/key/reveal', { method: 'POST', cookie, env: stale });
    expect(reveal.body.secret).toBe(key.key);
  });
});

describe('when the platform is down', () => {
  it('the dashboard still shows the key from the shop’s record, reveal still works, and key changes are a clear 503', async () => {
    const { cookie, key } = await customerWithKey('outage@example.com');
    await proxiesFault({ kind: 'error', status: 500, count: 100, path: '/reseller' });
    await proxiesFault({ kind: 'error', status: 502, count: 100, path: '/gateway/pool/my-sessions' });

    const me = await json<AccountAnswer>('/api/account', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.key).toMatchObject({
      status: 'active',
      live: false,
      usedMb: null,
      capGb: 10,
      secretMask: mask(key.key),
    });

    expect((await json<RevealAnswer>('/api/key/reveal', { method: 'POST', cookie })).body.secret).toBe(key.key);

    for (const [method, path] of [
      ['POST', '/api/key/rotate'],
      ['GET', '/api/sessions'],
      ['DELETE', '/api/sessions'],
      ['GET', '/api/usage'],
    ] as const) {
      const { status, body, res } = await json<ErrorBody>(path, { method, cookie });
      expect(status, `${method} ${path}`).toBe(503);
      expect(body.error.code).toBe('upstream_unavailable');
      expect(body.error.message).toBe('The service is temporarily unavailable. Please try again shortly.');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    }
    await clearProxiesFaults();
    expect((await upstreamKey(key.id))!.key).toBe(key.key);
  });
});
