// Personal access tokens from the dashboard: made with a recent sign-in and shown once, only a hash in D1, listed
// without the token, revoked one at a time or all at once, expired, and dead for a suspended customer.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/crypto.ts';
import type { TokensAnswer } from '../../src/shared/tokens.ts';
import { DAY_MS, MINUTE_MS } from '../../src/time.ts';
import { LAST_USED_RESOLUTION_MS } from '../../src/tokens/store.ts';
import {
  apiCall,
  auditActions,
  auditRows,
  call,
  customerIdOf,
  customerWithKey,
  type ErrorBody,
  json,
  later,
  makeToken,
  OPERATOR,
  resetSimulators,
  signIn,
  tokenRows,
} from '../support/index.ts';

beforeAll(resetSimulators);

describe('making a token', () => {
  it('answers the token once, keeps only its SHA-256 and never shows it again', async () => {
    const cookie = await signIn('tokens-once@example.com');
    const customerId = await customerIdOf('tokens-once@example.com');
    const { token, view } = await makeToken(cookie, { name: 'nightly scraper', scopes: ['read', 'sessions'] });
    expect(token).toMatch(/^pst_[A-Za-z0-9_-]{43}$/);
    expect(view).toMatchObject({ name: 'nightly scraper', scopes: ['read', 'sessions'], expiresAt: null });
    expect(view.hint).toBe(`pst_…${token.slice(-4)}`);
    const [row] = await tokenRows(customerId);
    expect(row!.token_hash).toBe(await sha256Hex(token));
    const everything = JSON.stringify(await env.DB.prepare('select * from api_tokens').all());
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(4));
    const listed = await call('/api/tokens', { cookie });
    const text = await listed.text();
    expect(text).not.toContain(token);
    expect((JSON.parse(text) as TokensAnswer).tokens.map((t) => t.name)).toEqual(['nightly scraper']);
    expect(await auditActions(customerId)).toContain('token.create');
  });

  it('needs a sign-in from the last 10 minutes, and a session (a token cannot make tokens)', async () => {
    const cookie = await signIn('tokens-reauth@example.com');
    const stale = await json<ErrorBody>('/api/tokens', { json: { name: 'x' }, cookie, env: later(11 * MINUTE_MS) });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('reauth_required');
    const fresh = await signIn('tokens-reauth-2@example.com');
    const { token } = await makeToken(fresh);
    const byToken = await call('/api/tokens', {
      json: { name: 'from a token' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(byToken.status).toBe(401);
  });

  it('refuses bad input with the field named, and past API_TOKENS_PER_CUSTOMER live tokens', async () => {
    const cookie = await signIn('tokens-many@example.com');
    for (const [body, field] of [
      [{ name: '' }, 'name'],
      [{ name: 'x', scopes: ['rotate'] }, 'scopes'],
      [{ name: 'x', expiresInDays: 0 }, 'expiresInDays'],
    ] as const) {
      const res = await json<ErrorBody>('/api/tokens', { json: body, cookie });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    await Promise.all(Array.from({ length: 12 }, (_, i) => call('/api/tokens', { json: { name: `t${i}` }, cookie })));
    const { body } = await json<TokensAnswer>('/api/tokens', { cookie });
    expect(body.limit).toBe(10);
    expect(body.tokens).toHaveLength(10);
    const over = await json<ErrorBody>('/api/tokens', { json: { name: 'eleventh' }, cookie });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('too_many_tokens');
    await call(`/api/tokens/${body.tokens[0]!.id}`, { method: 'DELETE', cookie });
    expect((await call('/api/tokens', { json: { name: 'room again' }, cookie })).status).toBe(201);
  });
});

describe('a token stops working', () => {
  it('when it is revoked, and another customer cannot revoke it', async () => {
    const { cookie } = await customerWithKey('tokens-revoke@example.com', 'starter');
    const { token, view } = await makeToken(cookie);
    expect((await apiCall('/api/v1/key', token)).status).toBe(200);
    const stranger = await signIn('tokens-stranger@example.com');
    expect((await call(`/api/tokens/${view.id}`, { method: 'DELETE', cookie: stranger })).status).toBe(404);
    expect((await apiCall('/api/v1/key', token)).status).toBe(200);
    expect((await call(`/api/tokens/${view.id}`, { method: 'DELETE', cookie })).status).toBe(200);
    const refused = await apiCall('/api/v1/key', token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await refused.json<ErrorBody>()).error.code).toBe('invalid_token');
    expect((await json<TokensAnswer>('/api/tokens', { cookie })).body.tokens).toEqual([]);
  });

  it('when it expires', async () => {
    const { cookie } = await customerWithKey('tokens-expiry@example.com', 'starter');
    const { token, view } = await makeToken(cookie, { expiresInDays: 30 });
    expect(view.expiresAt! - view.createdAt).toBe(30 * 24 * 60 * 60_000);
    expect((await apiCall('/api/v1/key', token)).status).toBe(200);
    const lastDay = later(29 * DAY_MS);
    const expired = later(30 * DAY_MS);
    expect((await apiCall('/api/v1/key', token, { env: lastDay })).status).toBe(200);
    expect((await apiCall('/api/v1/key', token, { env: expired })).status).toBe(401);
    const then = await signIn('tokens-expiry@example.com', expired);
    const listed = (await json<TokensAnswer>('/api/tokens', { cookie: then, env: expired })).body.tokens;
    expect(listed.map((t) => t.expired)).toEqual([true]);
  });

  it('while its customer is suspended, and again after the suspension is lifted', async () => {
    const { cookie, customerId } = await customerWithKey('tokens-suspended@example.com', 'starter');
    const { token } = await makeToken(cookie);
    await env.DB.prepare('update customers set suspended_at = ? where id = ?').bind(Date.now(), customerId).run();
    const refused = await apiCall('/api/v1/proxy-urls', token);
    expect(refused.status).toBe(403);
    expect((await refused.json<ErrorBody>()).error.code).toBe('account_suspended');
    await env.DB.prepare('update customers set suspended_at = null where id = ?').bind(customerId).run();
    expect((await apiCall('/api/v1/proxy-urls', token)).status).toBe(200);
  });

  it('all at once on "revoke all tokens", but not when signing out everywhere', async () => {
    const { cookie, customerId } = await customerWithKey('tokens-all@example.com', 'starter');
    const first = await makeToken(cookie, { name: 'a' });
    const second = await makeToken(cookie, { name: 'b' });
    expect((await call('/api/auth/logout-all', { method: 'POST', cookie })).status).toBe(200);
    expect((await apiCall('/api/v1/key', first.token)).status).toBe(200);
    const again = await signIn('tokens-all@example.com');
    const revoked = await json<{ revoked: number }>('/api/tokens', { method: 'DELETE', cookie: again });
    expect(revoked.body).toEqual({ revoked: 2 });
    expect((await apiCall('/api/v1/key', first.token)).status).toBe(401);
    expect((await apiCall('/api/v1/key', second.token)).status).toBe(401);
    expect(await auditActions(customerId)).toContain('token.revoke_all');
  });

  it('with every session when the customer ticks "also revoke my API tokens" while signing out everywhere', async () => {
    const { cookie, customerId } = await customerWithKey('tokens-everywhere@example.com', 'starter');
    const other = await signIn('tokens-everywhere@example.com');
    const { token } = await makeToken(cookie);
    const res = await call('/api/auth/logout-all', { json: { revokeTokens: true }, cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signedOut: true, revoked: 2, tokensRevoked: 1 });
    expect((await apiCall('/api/v1/key', token)).status).toBe(401);
    expect((await call('/api/account', { cookie: other })).status).toBe(401);
    expect(await auditActions(customerId)).toEqual(
      expect.arrayContaining(['auth.sign_out_everywhere', 'token.revoke_all']),
    );
    // Anything but a yes or no is refused before anyone is signed out.
    const third = await signIn('tokens-everywhere@example.com');
    expect((await call('/api/auth/logout-all', { json: { revokeTokens: 'yes' }, cookie: third })).status).toBe(400);
    expect((await call('/api/account', { cookie: third })).status).toBe(200);
  });
});

describe('last use', () => {
  it('is recorded after the answer, at most once a minute', async () => {
    const { cookie, customerId } = await customerWithKey('tokens-last-used@example.com', 'starter');
    const { token } = await makeToken(cookie);
    expect((await tokenRows(customerId))[0]!.last_used_at).toBeNull();
    const before = Date.now();
    await apiCall('/api/v1/key', token);
    const first = (await tokenRows(customerId))[0]!.last_used_at!;
    expect(first).toBeGreaterThanOrEqual(before);
    await apiCall('/api/v1/key', token);
    expect((await tokenRows(customerId))[0]!.last_used_at).toBe(first);
    const listed = (await json<TokensAnswer>('/api/tokens', { cookie })).body.tokens;
    expect(listed[0]!.lastUsedAt).toBe(first);
    // A minute on, a use is recorded again.
    await apiCall('/api/v1/key', token, { env: later(LAST_USED_RESOLUTION_MS) });
    expect((await tokenRows(customerId))[0]!.last_used_at).toBeGreaterThanOrEqual(first + LAST_USED_RESOLUTION_MS);
  });
});

describe('operators', () => {
  it('see a customer’s tokens without the token, and revoke one with a fresh sign-in, audited', async () => {
    const { cookie, customerId } = await customerWithKey('tokens-console@example.com', 'starter');
    const { token, view } = await makeToken(cookie, { name: 'ci job', scopes: ['read'] });
    await apiCall('/api/v1/key', token);
    const operator = await signIn(OPERATOR);
    const listed = await call(`/api/admin/customers/${customerId}/tokens`, { cookie: operator });
    const text = await listed.text();
    expect(text).not.toContain(token);
    const [seen] = (JSON.parse(text) as TokensAnswer).tokens;
    expect(seen).toMatchObject({ id: view.id, name: 'ci job', scopes: ['read'], expiresAt: null });
    expect(seen!.lastUsedAt).not.toBeNull();
    expect((await call(`/api/admin/customers/${customerId}/tokens`, { cookie })).status).toBe(403);
    const revokePath = `/api/admin/customers/${customerId}/tokens/${view.id}/revoke`;
    const stale = await json<ErrorBody>(revokePath, { method: 'POST', cookie: operator, env: later(11 * MINUTE_MS) });
    expect(stale.body.error.code).toBe('reauth_required');
    expect((await apiCall('/api/v1/key', token)).status).toBe(200);
    const fresh = await signIn(OPERATOR);
    const done = await json<{ action: string }>(revokePath, { method: 'POST', cookie: fresh });
    expect(done.body.action).toBe('revoke_token');
    expect((await apiCall('/api/v1/key', token)).status).toBe(401);
    const [entry] = (await auditRows(customerId)).filter((r) => r.action === 'token.revoke');
    expect(entry).toMatchObject({ actor: `admin:${OPERATOR}` });
    const other = await customerWithKey('tokens-console-other@example.com', 'starter');
    const theirs = await makeToken(other.cookie);
    const wrongCustomer = `/api/admin/customers/${customerId}/tokens/${theirs.view.id}/revoke`;
    expect((await call(wrongCustomer, { method: 'POST', cookie: fresh })).status).toBe(404);
    expect((await apiCall('/api/v1/key', theirs.token)).status).toBe(200);
  });
});
