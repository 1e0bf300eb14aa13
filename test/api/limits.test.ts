// Each token's per-minute limit (the API_TOKEN_LIMITER binding), announced with the IETF RateLimit header fields,
// and the per-customer limits on upstream-spending routes, which a customer's tokens share with their dashboard.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
      expect(answers[0]!.headers.get('ratelimit-policy')).toBe('"per-token";q=120;w=60');
      const refused = await apiCall('/api/v1/key', token);
      expect(refused.status).toBe(429);
      expect((await refused.json<ErrorBody>()).error.code).toBe('rate_limited');
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.headers.get('ratelimit')).toBe(`"per-token";r=0;t=${wait}`);
      expect(refused.headers.get('ratelimit-policy')).toBe('"per-token";q=120;w=60');
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
