// Per-customer limits on every route that spends the reseller's upstream quota (429 rate_limited + Retry-After, one
// customer at a time, one route at a time), and the short per-key copies that let a dashboard left open poll usage
// and sessions without a platform call per tab per poll.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recentAnswers } from '../../src/keys/recent.ts';
import type { SessionsAnswer } from '../../src/shared/dashboard.ts';
import {
  call,
  customerWithKey,
  type ErrorBody,
  json,
  RATE_LIMIT_WAIT_TIMEOUT_MS,
  resetSimulators,
  signIn,
  simCalls,
  simControl,
  startOfRateLimitWindow,
} from '../support/index.ts';

const countCalls = async (match: (path: string, method: string) => boolean) =>
  (await simCalls()).filter((c) => match(c.path, c.method)).length;

/** Calls `path` `times` times as `cookie`, in one rate-limit window with room for the call after it; returns the
 * statuses. */
async function hammer(path: string, cookie: string, times: number, method = 'GET'): Promise<number[]> {
  await startOfRateLimitWindow();
  const statuses = [];
  for (let i = 0; i < times; i++) statuses.push((await call(path, { method, cookie })).status);
  return statuses;
}

async function expectLimited(res: Response): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toBe('60');
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  const body = await res.json<ErrorBody>();
  expect(body.error.code).toBe('rate_limited');
}

beforeAll(resetSimulators);
beforeEach(startOfRateLimitWindow, RATE_LIMIT_WAIT_TIMEOUT_MS);

// Each test makes up to ~130 requests one after another: a few seconds alone, more on a machine busy with other work
// (the whole suite once took 5 s here, the default timeout). Each burst starts in a window of its own.
describe('per-customer limits', { timeout: 30_000 }, () => {
  it('refuses the 11th checkout in a minute without asking Stripe, and only for that customer', async () => {
    const cookie = await signIn('checkout-script@example.com');
    const stripeSessions = () => countCalls((path) => path.startsWith('/v1/checkout/sessions'));
    const before = await stripeSessions();
    for (let i = 0; i < 10; i++)
      expect((await call('/api/checkout', { json: { tierId: 'starter' }, cookie })).status).toBe(200);
    expect(await stripeSessions()).toBe(before + 10);
    await expectLimited(await call('/api/checkout', { json: { tierId: 'starter' }, cookie }));
    expect(await stripeSessions()).toBe(before + 10);
    const other = await signIn('checkout-neighbour@example.com');
    expect((await call('/api/checkout', { json: { tierId: 'starter' }, cookie: other })).status).toBe(200);
  });

  it('gives order polls, usage and sessions 60 a minute each, per customer', async () => {
    const { cookie } = await customerWithKey('poller@example.com');
    expect(new Set(await hammer('/api/orders/cs_unknown_order', cookie, 60))).toEqual(new Set([404]));
    await expectLimited(await call('/api/orders/cs_unknown_order', { cookie }));
    expect(new Set(await hammer('/api/usage?days=7', cookie, 60))).toEqual(new Set([200]));
    await expectLimited(await call('/api/usage?days=7', { cookie }));
    // Each route has its own allowance.
    expect((await call('/api/sessions', { cookie })).status).toBe(200);
    expect((await call('/api/account', { cookie })).status).toBe(200);
    const { cookie: neighbour } = await customerWithKey('poller-neighbour@example.com', 'starter');
    expect((await call('/api/usage?days=7', { cookie: neighbour })).status).toBe(200);
  });

  it('gives reveal and rotate 10 a minute each', async () => {
    const { cookie } = await customerWithKey('revealer@example.com', 'starter');
    expect(new Set(await hammer('/api/key/reveal', cookie, 10, 'POST'))).toEqual(new Set([200]));
    await expectLimited(await call('/api/key/reveal', { method: 'POST', cookie }));
    expect(new Set(await hammer('/api/key/rotate', cookie, 10, 'POST'))).toEqual(new Set([200]));
    await expectLimited(await call('/api/key/rotate', { method: 'POST', cookie }));
  });

  it('lets malformed input through to its 400 without counting it', async () => {
    const cookie = await signIn('typo@example.com');
    expect(new Set(await hammer('/api/usage?days=abc', cookie, 70))).toEqual(new Set([400]));
    expect((await call('/api/usage', { cookie })).status).toBe(200);
  });
});

describe('a dashboard polling usage and sessions', () => {
  it('costs the platform one call per key per window, however many tabs ask, and forgets it when the shop closes sessions', async () => {
    const { cookie, key } = await customerWithKey('many-tabs@example.com', 'starter');
    await simControl(`/keys/${key.id}/sessions`, { count: 2, sid: 'tab' });
    // Lists of the key's sessions (closing them all is a DELETE of the same path).
    const sessionsCalls = () =>
      countCalls((path, method) => method === 'GET' && path.startsWith(`/v1/gateway/pool/my-sessions?pakId=${key.id}`));
    const usageCalls = () => countCalls((path) => path.startsWith(`/v1/reseller/pool-keys/${key.id}/usage`));
    const [sessionsBefore, usageBefore] = [await sessionsCalls(), await usageCalls()];
    const lists = await Promise.all(Array.from({ length: 5 }, () => json<SessionsAnswer>('/api/sessions', { cookie })));
    expect(lists.every((l) => l.body.sessions.length === 2)).toBe(true);
    await Promise.all(Array.from({ length: 5 }, () => call('/api/usage?days=7', { cookie })));
    expect(await sessionsCalls()).toBe(sessionsBefore + 1);
    expect(await usageCalls()).toBe(usageBefore + 1);

    // Closing a session drops the copy: the next list is the platform's.
    const closing = lists[0]!.body.sessions[0]!.sessionKey;
    expect((await call(`/api/sessions/${encodeURIComponent(closing)}`, { method: 'DELETE', cookie })).status).toBe(200);
    const after = await json<SessionsAnswer>('/api/sessions', { cookie });
    expect(after.body.sessions.map((s) => s.sessionKey)).not.toContain(closing);
    expect(await sessionsCalls()).toBe(sessionsBefore + 2);

    // Rotating the key closes its sessions and drops the copy too.
    expect((await call('/api/key/rotate', { method: 'POST', cookie })).status).toBe(200);
    const rotated = await json<SessionsAnswer>('/api/sessions', { cookie });
    expect(rotated.body.sessions).toEqual([]);
    expect(await sessionsCalls()).toBe(sessionsBefore + 3);
  });

  it('keeps an answer for its window only, and never keeps a failure', async () => {
    const answers = recentAnswers<number>(10_000);
    let calls = 0;
    const load = async () => ++calls;
    expect(await answers.get('pak_1', 0, load)).toBe(1);
    expect(await answers.get('pak_1', 9_999, load)).toBe(1);
    expect(await answers.get('pak_2', 9_999, load)).toBe(2);
    expect(await answers.get('pak_1', 10_000, load)).toBe(3);
    await expect(answers.get('pak_3', 0, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await answers.get('pak_3', 1, load)).toBe(4);
  });
});
