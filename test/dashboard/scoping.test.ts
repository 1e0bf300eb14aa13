// Customer B's session can never read, reveal, rotate or close anything of customer A's. Both keys come from the
// real billing path (checkout → Stripe simulator → signed webhook → reconcile); the Proxies.sx simulator is the
// platform, whose sessions endpoints return EVERY customer's sessions when called without pakId.
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountAnswer,
  RevealAnswer,
  RotateAnswer,
  SessionsAnswer,
  UsageAnswer,
} from '../../src/shared/dashboard.ts';
import {
  call,
  customerWithKey,
  type ErrorBody,
  json,
  mask,
  resetSimulators,
  type SimKey,
  signIn,
  simCalls,
  simControl,
  upstreamKey,
} from '../support/index.ts';

interface Customer {
  cookie: string;
  customerId: string;
  key: SimKey;
}

let a: Customer;
let b: Customer;
let aSessions: { sessionKey: string; sessionId: string }[];

beforeAll(async () => {
  await resetSimulators();
  a = await customerWithKey('alice@example.com', 'pro');
  b = await customerWithKey('bob@example.com', 'starter');
  aSessions = await simControl(`/keys/${a.key.id}/sessions`, { count: 3, sid: 'alice_bot', country: 'de' });
  await simControl(`/keys/${b.key.id}/sessions`, { count: 1, sid: 'bob_bot', country: 'us' });
});

const secretsOf = (body: unknown) => JSON.stringify(body);

describe('customer B, who has a key of their own', () => {
  it('reads only their own key on /api/account', async () => {
    const { body } = await json<AccountAnswer>('/api/account', { cookie: b.cookie });
    expect(body.customer.email).toBe('bob@example.com');
    expect(body.key).toMatchObject({ status: 'active', secretMask: mask(b.key.key), capGb: 1 });
    expect(secretsOf(body)).not.toContain(a.key.id);
    expect(secretsOf(body)).not.toContain(mask(a.key.key));
  });

  it('reveals their own secret, never A’s, whatever they add to the request', async () => {
    for (const path of [
      '/api/key/reveal',
      `/api/key/reveal?pakId=${a.key.id}`,
      `/api/key/reveal?customerId=${a.customerId}`,
    ]) {
      const { status, body } = await json<RevealAnswer>(path, { method: 'POST', cookie: b.cookie });
      expect(status, path).toBe(200);
      expect(body.secret).toBe(b.key.key);
    }
    const withBody = await json<RevealAnswer>('/api/key/reveal', {
      cookie: b.cookie,
      json: { pakId: a.key.id, customerId: a.customerId },
    });
    expect(withBody.body.secret).toBe(b.key.key);
  });

  it('lists only their own sessions; every platform call is scoped by B’s key id', async () => {
    const before = (await simCalls()).length;
    const { body } = await json<SessionsAnswer>(`/api/sessions?pakId=${a.key.id}`, { cookie: b.cookie });
    expect(body.sessions.map((s) => s.sid)).toEqual(['bob_bot']);
    const calls = (await simCalls()).slice(before).filter((c) => c.path.includes('my-sessions'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe(`/v1/gateway/pool/my-sessions?pakId=${b.key.id}`);
  });

  it('cannot close one of A’s sessions: a 404 like a missing one, and A’s session stays open', async () => {
    const target = aSessions[0]!.sessionKey;
    const { status, body } = await json<ErrorBody>(`/api/sessions/${encodeURIComponent(target)}`, {
      method: 'DELETE',
      cookie: b.cookie,
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe('session_not_found');
    const aList = await json<SessionsAnswer>('/api/sessions', { cookie: a.cookie });
    expect(aList.body.sessions.map((s) => s.sessionKey)).toContain(target);
  });

  it('"close all" closes only B’s sessions', async () => {
    const { body } = await json<{ closed: number }>(`/api/sessions?pakId=${a.key.id}`, {
      method: 'DELETE',
      cookie: b.cookie,
    });
    expect(body.closed).toBe(1);
    expect((await json<SessionsAnswer>('/api/sessions', { cookie: b.cookie })).body.sessions).toEqual([]);
    expect((await json<SessionsAnswer>('/api/sessions', { cookie: a.cookie })).body.sessions).toHaveLength(3);
  });

  it('sees only their own usage', async () => {
    await simControl(`/keys/${a.key.id}/usage`, { usedMB: 2048 });
    const { body } = await json<UsageAnswer>('/api/usage?days=7', { cookie: b.cookie });
    expect(body.available).toBe(true);
    expect(body.days).toHaveLength(7);
    expect(body.days.reduce((sum, d) => sum + d.inMB + d.outMB, 0)).toBe(0);
    const own = await json<UsageAnswer>('/api/usage?days=7', { cookie: a.cookie });
    expect(Math.round(own.body.days.reduce((sum, d) => sum + d.inMB + d.outMB, 0))).toBe(2048);
  });

  it('rotates only their own key: A’s secret and sessions are untouched', async () => {
    const { status, body } = await json<RotateAnswer>(`/api/key/rotate?pakId=${a.key.id}`, {
      method: 'POST',
      cookie: b.cookie,
      json: { pakId: a.key.id },
    });
    expect(status).toBe(200);
    const bNow = await upstreamKey(b.key.id);
    expect(body.secret).toBe(bNow!.key);
    expect(body.secret).not.toBe(b.key.key);
    expect((await upstreamKey(a.key.id))!.key).toBe(a.key.key);
    expect((await json<SessionsAnswer>('/api/sessions', { cookie: a.cookie })).body.sessions).toHaveLength(3);
    expect((await json<RevealAnswer>('/api/key/reveal', { method: 'POST', cookie: a.cookie })).body.secret).toBe(
      a.key.key,
    );
  });
});

describe('customer C, who bought nothing', () => {
  let c: string;
  beforeAll(async () => {
    c = await signIn('carol@example.com');
  });

  it('reads nothing of anyone: no key, no sessions, no usage', async () => {
    const me = await json<AccountAnswer>(`/api/account?pakId=${a.key.id}`, { cookie: c });
    expect(me.body.key.status).toBe('none');
    expect(secretsOf(me.body)).not.toContain(mask(a.key.key));
    expect((await json<SessionsAnswer>(`/api/sessions?pakId=${a.key.id}`, { cookie: c })).body.sessions).toEqual([]);
    expect((await json<UsageAnswer>(`/api/usage?pakId=${a.key.id}`, { cookie: c })).body).toEqual({
      available: false,
      days: [],
    });
  });

  it('can neither reveal nor rotate nor close anything of A’s', async () => {
    expect((await call('/api/key/reveal', { method: 'POST', cookie: c, json: { pakId: a.key.id } })).status).toBe(409);
    expect((await call('/api/key/rotate', { method: 'POST', cookie: c, json: { pakId: a.key.id } })).status).toBe(409);
    expect(
      (await call(`/api/sessions/${encodeURIComponent(aSessions[1]!.sessionKey)}`, { method: 'DELETE', cookie: c }))
        .status,
    ).toBe(404);
    expect((await json<{ closed: number }>('/api/sessions', { method: 'DELETE', cookie: c })).body.closed).toBe(0);
    expect((await upstreamKey(a.key.id))!.key).toBe(a.key.key);
    expect((await json<SessionsAnswer>('/api/sessions', { cookie: a.cookie })).body.sessions).toHaveLength(3);
  });

  it('never makes the shop call the platform’s sessions endpoints without a key id', async () => {
    const calls = await simCalls();
    const sessionCalls = calls.filter((call) => call.path.startsWith('/v1/gateway/pool/my-sessions'));
    expect(sessionCalls.length).toBeGreaterThan(0);
    for (const call of sessionCalls) expect(call.path).toMatch(/[?&]pakId=[0-9a-f]{24}(&|$)/);
  });
});

describe('a signed-out visitor', () => {
  it('gets nothing of A’s with A’s key id', async () => {
    for (const path of [`/api/account?pakId=${a.key.id}`, `/api/sessions?pakId=${a.key.id}`])
      expect((await call(path)).status).toBe(401);
    expect((await call('/api/key/reveal', { method: 'POST', json: { pakId: a.key.id } })).status).toBe(401);
  });
});
