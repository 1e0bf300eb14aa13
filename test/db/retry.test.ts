// D1's documented transient failures ("Network connection lost", "storage caused object to be reset", "reset
// because its code was updated") are retried for reads and for writes declared idempotent, so the customer's request
// succeeds; a write that is not idempotent is never retried blindly (its answer may be all that was lost).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { D1_RETRY_POLICY } from '../../src/db/index.ts';
import { HOUR_MS } from '../../src/time.ts';
import { call, FlakyD1, later, signIn } from '../support/index.ts';

const TRANSIENT = [
  'Network connection lost.',
  'storage caused object to be reset',
  'reset because its code was updated',
];
const SESSION_READ = /^select .* from "sessions"/;

describe("D1's transient failures", () => {
  it.each(TRANSIENT)('a read that meets "%s" is tried again and the dashboard loads', async (message) => {
    const cookie = await signIn(`retry-read-${TRANSIENT.indexOf(message)}@example.com`);
    const d1 = new FlakyD1();
    d1.failNext(message, { when: SESSION_READ });
    const res = await call('/api/account', { cookie, env: d1.env });
    expect(res.status).toBe(200);
    expect((await res.json<{ customer: { email: string } }>()).customer.email).toMatch(/^retry-read-/);
    // The session check's batch: failed once, then answered.
    expect(d1.callsOf(SESSION_READ).map((c) => c.failed)).toEqual([true, false]);
  });

  it('a write declared idempotent (the session’s renewal) is tried again and slides the expiry once', async () => {
    const cookie = await signIn('retry-renewal@example.com');
    const d1 = new FlakyD1();
    d1.failNext('Network connection lost.', { when: /^update "sessions"/ });
    // Seven hours on, the cookie is past half its life: the session check's batch renews the session.
    const res = await call('/api/account', { cookie, env: later(7 * HOUR_MS, d1.env) });
    expect(res.status).toBe(200);
    expect(d1.callsOf(/^update "sessions"/).map((c) => c.failed)).toEqual([true, false]);
    const session = await env.DB.prepare(
      "select expires_at - signed_in_at as left from sessions where customer_id = (select id from customers where email = 'retry-renewal@example.com')",
    ).first<{ left: number }>();
    expect(session?.left).toBeGreaterThan(7 * HOUR_MS);
  });

  it('a write that is not idempotent fails once and is not tried again: no token is made twice', async () => {
    const cookie = await signIn('retry-write@example.com');
    const d1 = new FlakyD1();
    d1.failNext('Network connection lost.', { when: /^insert into "api_tokens"/ });
    const res = await call('/api/tokens', { json: { name: 'ci' }, cookie, env: d1.env });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(d1.callsOf(/^insert into "api_tokens"/)).toEqual([expect.objectContaining({ failed: true })]);
    const tokens = await env.DB.prepare(
      "select count(*) as n from api_tokens where customer_id = (select id from customers where email = 'retry-write@example.com')",
    ).first<number>('n');
    expect(tokens).toBe(0);
    // The customer tries again themselves, and gets one token.
    expect((await call('/api/tokens', { json: { name: 'ci' }, cookie })).status).toBe(201);
  });

  it('gives up after the policy’s attempts when the failure persists, and a non-transient error is not retried', async () => {
    const cookie = await signIn('retry-persistent@example.com');
    const d1 = new FlakyD1();
    d1.failNext('Network connection lost.', { when: SESSION_READ, count: 100 });
    const res = await call('/api/account', { cookie, env: d1.env });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(d1.callsOf(SESSION_READ)).toHaveLength(D1_RETRY_POLICY.attempts);

    const other = new FlakyD1();
    other.failNext('no such table: sessions', { when: SESSION_READ });
    expect((await call('/api/account', { cookie, env: other.env })).status).toBeGreaterThanOrEqual(500);
    expect(other.callsOf(SESSION_READ)).toHaveLength(1);
  });
});
