// Each token's per-minute limit (API_TOKEN_LIMITER) and its customer's over all their tokens (API_CUSTOMER_LIMITER),
// announced with the IETF RateLimit header fields; tokens that do not work are throttled per network before D1 is
// asked (API_AUTH_LIMITER); the per-customer limits on upstream-spending routes, which a customer's tokens share with
// their dashboard; and reads of the key's secret through the API, counted in the audit log per token and day.
import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomToken } from '../../src/crypto.ts';
import {
  apiCall,
  call,
  customerWithKey,
  type ErrorBody,
  makeToken,
  RATE_LIMIT_WAIT_TIMEOUT_MS,
  resetSimulators,
  startOfRateLimitWindow,
} from '../support/index.ts';

const POLICY = '"per-token";q=120;w=60, "per-customer";q=300;w=60';

beforeAll(resetSimulators);
beforeEach(startOfRateLimitWindow, RATE_LIMIT_WAIT_TIMEOUT_MS);

describe('per-token limit', () => {
  // A purchase, two tokens and a burst of 121 requests: longer than vitest's 5 s on a busy machine.
  it(
    'allows 120 requests a minute per token, then 429 with RateLimit and Retry-After; another token goes on',
    async () => {
      const { cookie } = await customerWithKey('api-limits@example.com', 'starter');
      const { token } = await makeToken(cookie);
      const { token: other } = await makeToken(cookie, { name: 'other' });
      // At once, so the burst stays within one wall-clock minute however slow the machine.
      const answers = await Promise.all(Array.from({ length: 120 }, () => apiCall('/api/v1/key', token)));
      expect(new Set(answers.map((res) => res.status))).toEqual(new Set([200]));
      expect(answers[0]!.headers.get('ratelimit-policy')).toBe(POLICY);
      const refused = await apiCall('/api/v1/key', token);
      expect(refused.status).toBe(429);
      expect((await refused.json<ErrorBody>()).error.code).toBe('rate_limited');
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.headers.get('ratelimit')).toBe(`"per-token";r=0;t=${wait}`);
      expect(refused.headers.get('ratelimit-policy')).toBe(POLICY);
      expect((await apiCall('/api/v1/key', other)).status).toBe(200);
      // A purchase, two tokens and a burst of 121 requests take longer than vitest's 5 s on a busy machine.
    },
    RATE_LIMIT_WAIT_TIMEOUT_MS,
  );
});

describe('per-customer limits', () => {
  it('are shared by the dashboard and every token of the customer on routes that call the platform', async () => {
    const { cookie } = await customerWithKey('api-limits-usage@example.com', 'starter');
    const { token } = await makeToken(cookie);
    const { token: second } = await makeToken(cookie, { name: 'second' });
    for (let i = 0; i < 30; i++) expect((await call('/api/usage?days=7', { cookie })).status).toBe(200);
    for (let i = 0; i < 30; i++) expect((await apiCall('/api/v1/usage?days=7', token)).status).toBe(200);
    const refused = await apiCall('/api/v1/usage?days=7', second);
    expect(refused.status).toBe(429);
    expect((await refused.json<ErrorBody>()).error.code).toBe('rate_limited');
  });
});

describe('per-customer budget', () => {
  it(
    'is one budget over all of the customer’s tokens: 300 a minute, however many tokens they make or remake',
    async () => {
      const { cookie } = await customerWithKey('api-customer-budget@example.com', 'starter');
      const tokens = await Promise.all(['a', 'b', 'c', 'd'].map((name) => makeToken(cookie, { name })));
      await startOfRateLimitWindow();
      // 100 from each of three tokens, at once: each within its own 120, the customer at 300.
      const answers = await Promise.all(
        tokens.slice(0, 3).flatMap(({ token }) => Array.from({ length: 100 }, () => apiCall('/api/v1/key', token))),
      );
      expect(new Set(answers.map((res) => res.status))).toEqual(new Set([200]));
      // A fourth token, unused so far, is refused: the customer's budget is spent.
      const refused = await apiCall('/api/v1/key', tokens[3]!.token);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(refused.headers.get('ratelimit')).toBe(`"per-customer";r=0;t=${wait}`);
      expect((await refused.json<ErrorBody>()).error.message).toMatch(/tokens together made more than 300 requests/);
      // Revoking and remaking a token buys nothing.
      await call(`/api/tokens/${tokens[0]!.view.id}`, { method: 'DELETE', cookie });
      const { token: remade } = await makeToken(cookie, { name: 'remade' });
      expect((await apiCall('/api/v1/key', remade)).status).toBe(429);
      // Another customer's tokens are not held by it.
      const other = await customerWithKey('api-customer-other@example.com', 'starter');
      expect((await apiCall('/api/v1/key', (await makeToken(other.cookie)).token)).status).toBe(200);
    },
    RATE_LIMIT_WAIT_TIMEOUT_MS + 30_000,
  );
});

describe('tokens that do not work', () => {
  it('are throttled per network before the database is asked, while tokens that work lately go on', async () => {
    const { cookie } = await customerWithKey('api-guessed@example.com', 'starter');
    const { token } = await makeToken(cookie);
    const network = '2001:db8:9:9::1';
    const from = (ip: string) => ({ headers: { 'cf-connecting-ip': ip } });
    expect((await apiCall('/api/v1/key', token, from(network))).status).toBe(200);
    const guesses = Array.from({ length: 29 }, () => `pst_${randomToken(32)}`);
    // 29 guesses plus the good token's first use: the network's 30 a minute; each guess is a 401 as usual.
    const answers = await Promise.all(
      guesses.map((guess) => apiCall('/api/v1/key', guess, from(`2001:db8:9:9::${guess.length}`))),
    );
    expect(new Set(answers.map((res) => res.status))).toEqual(new Set([401]));
    // The next guess from anywhere in that /64 is refused before its token is looked up.
    const throttled = await apiCall('/api/v1/key', `pst_${randomToken(32)}`, from('2001:db8:9:9:abcd::7'));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await throttled.json<ErrorBody>()).error.message).toMatch(/API tokens that do not work/);
    // The token that worked goes on from that network; other networks are not held.
    expect((await apiCall('/api/v1/key', token, from(network))).status).toBe(200);
    expect((await apiCall('/api/v1/key', `pst_${randomToken(32)}`, from('2001:db8:9:a::1'))).status).toBe(401);
  });
});

describe('reads of the key’s secret through the API', () => {
  it('are counted in the audit log, one row per token and day', async () => {
    const { cookie, customerId } = await customerWithKey('api-secret-reads@example.com', 'starter');
    const { token, view } = await makeToken(cookie);
    const { token: second, view: secondView } = await makeToken(cookie, { name: 'second' });
    for (let i = 0; i < 3; i++) expect((await apiCall('/api/v1/proxy-urls', token)).status).toBe(200);
    expect((await apiCall('/api/v1/proxy-urls?format=txt', second)).status).toBe(200);
    // Answers without the secret are not counted, nor is a refused request.
    expect((await apiCall('/api/v1/key', token)).status).toBe(200);
    expect((await apiCall('/api/v1/proxy-urls?count=0', token)).status).toBe(400);

    const day = new Date().toISOString().slice(0, 10);
    const { results } = await env.DB.prepare(
      "select id, actor, detail from audit_log where customer_id = ? and action = 'api.secret_read' order by actor",
    )
      .bind(customerId)
      .all<{ id: string; actor: string; detail: string }>();
    expect(results.map((r) => ({ ...r, detail: JSON.parse(r.detail) }))).toEqual(
      [
        {
          id: `api.secret_read:${view.id}:${day}`,
          actor: `token:${view.id}`,
          detail: { tokenId: view.id, day, count: 3 },
        },
        {
          id: `api.secret_read:${secondView.id}:${day}`,
          actor: `token:${secondView.id}`,
          detail: { tokenId: secondView.id, day, count: 1 },
        },
      ].sort((a, b) => a.actor.localeCompare(b.actor)),
    );
  });
});
