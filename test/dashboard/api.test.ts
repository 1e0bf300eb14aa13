// The dashboard API without a purchase: session required, nothing cached, a clear empty state, and every
// key operation refused plainly (no key id is ever taken from the client). The legal texts stay out of the public config.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountAnswer, SessionsAnswer, UsageAnswer } from '../../src/shared/dashboard.ts';
import { MINUTE_MS } from '../../src/time.ts';
import { call, type ErrorBody, json, later, resetSimulators, signIn } from '../support/index.ts';

const ROUTES: [method: string, path: string][] = [
  ['GET', '/api/account'],
  ['POST', '/api/key/reveal'],
  ['POST', '/api/key/rotate'],
  ['GET', '/api/sessions'],
  ['DELETE', '/api/sessions'],
  ['DELETE', '/api/sessions/psx_acme%3Abot_1%3Ambl%3Aus%3Aabc'],
  ['GET', '/api/usage'],
];

beforeAll(resetSimulators);

describe('every dashboard route', () => {
  it('needs a session, and its answer is never cached', async () => {
    for (const [method, path] of ROUTES) {
      const res = await call(path, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('cache-control'), `${method} ${path}`).toBe('private, no-store');
      expect(((await res.json()) as ErrorBody).error.code).toBe('unauthenticated');
    }
  });

  it('refuses a forged or foreign cookie like no cookie at all', async () => {
    const res = await call('/api/account', { cookie: '__Host-session=eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJ4In0.c2ln' });
    expect(res.status).toBe(401);
  });

  it('answers a signed-in customer with Cache-Control: private, no-store', async () => {
    const cookie = await signIn('nocache@example.com');
    for (const [method, path] of ROUTES) {
      const res = await call(path, { method, cookie });
      expect(res.headers.get('cache-control'), `${method} ${path}`).toBe('private, no-store');
    }
  });
});

describe('a customer who bought nothing', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await signIn('newcomer@example.com');
  });

  it('sees the empty state with the gateway details', async () => {
    const { status, body } = await json<AccountAnswer>('/api/account', { cookie });
    expect(status).toBe(200);
    expect(body.customer.email).toBe('newcomer@example.com');
    expect(body.key).toMatchObject({ status: 'none', secretMask: null, usedMb: null, updating: false });
    expect(body.gateway).toEqual({ host: 'gw.proxies.sx', username: 'psx_acme' });
  });

  it('has no key to reveal or rotate: a clear 409, never a 500', async () => {
    const reveal = await json<ErrorBody>('/api/key/reveal', { method: 'POST', cookie });
    expect(reveal.status).toBe(409);
    expect(reveal.body.error.code).toBe('no_key');
    const rotate = await json<ErrorBody>('/api/key/rotate', { method: 'POST', cookie });
    expect(rotate.status).toBe(409);
    expect(rotate.body.error.message).toMatch(/no proxy key/i);
  });

  it('has no sessions and no usage series, and closing a session is a 404', async () => {
    expect((await json<SessionsAnswer>('/api/sessions', { cookie })).body).toEqual({ sessions: [] });
    expect((await json<{ closed: number }>('/api/sessions', { method: 'DELETE', cookie })).body).toEqual({ closed: 0 });
    const closeOne = await json<ErrorBody>('/api/sessions/psx_acme%3Abot_1%3Ambl%3Aus%3Aabc', {
      method: 'DELETE',
      cookie,
    });
    expect(closeOne.status).toBe(404);
    expect(closeOne.body.error.code).toBe('session_not_found');
    expect((await json<UsageAnswer>('/api/usage', { cookie })).body).toEqual({ available: false, days: [] });
  });

  it('gets a 400 for a bad usage window', async () => {
    for (const days of ['0', '91', 'abc', '-1', '1e3']) {
      const { status, body } = await json<ErrorBody>(`/api/usage?days=${days}`, { cookie });
      expect(status, days).toBe(400);
      expect(body.error.code).toBe('invalid_request');
    }
  });

  it('must confirm by email before rotating once the sign-in is older than 10 minutes', async () => {
    const stale = await signIn('stale-rotate@example.com');
    const { status, body } = await json<ErrorBody>('/api/key/rotate', {
      method: 'POST',
      cookie: stale,
      env: later(11 * MINUTE_MS),
    });
    expect(status).toBe(403);
    expect(body.error.code).toBe('reauth_required');
    expect(body.error.message).toMatch(/sign in again/i);
    // A malformed Idempotency-Key is refused before anything happens.
    const bad = await json<ErrorBody>('/api/key/rotate', {
      method: 'POST',
      cookie,
      headers: { 'idempotency-key': 'no spaces allowed' },
    });
    expect(bad.status).toBe(400);
  });

  it('cannot change state cross-site', async () => {
    const res = await call('/api/key/rotate', { method: 'POST', cookie, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });
});

describe('legal pages (rendered at /terms and /privacy: test/site/pages.test.ts)', () => {
  it('are not sent with the public config', async () => {
    const config = await json<{ brand: { legal: Record<string, unknown> } }>('/api/config');
    expect(Object.keys(config.body.brand.legal).sort()).toEqual(['companyName', 'privacyUrl', 'termsUrl']);
  });
});
