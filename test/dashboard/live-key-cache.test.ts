// Where the platform's live view of a key is kept between dashboard reads, and what it saves: a dashboard read once a
// second for a minute costs the reseller this many Proxies.sx calls with the location's Cache API (a custom domain),
// with KV (*.workers.dev, where the Cache API does nothing) and with neither (`off`, which is what *.workers.dev
// paid before KV). The clock moves a second per read; the view is fresh for 10 s, then refreshed behind the answer.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/clock.ts';
import { parseConfig } from '../../src/config/index.ts';
import { LIVE_KEY_FRESH_MS } from '../../src/keys/live.ts';
import { withOverrides } from '../../src/services/index.ts';
import type { AccountAnswer } from '../../src/shared/dashboard.ts';
import { call, customerWithKey, PRODUCTION_VARS, resetSimulators, simCalls, simControl } from '../support/index.ts';

const READS = 60;

/** Platform calls about the key over READS dashboard reads, one a second, with the view kept in `store`. */
async function platformCallsPerMinute(store: string, email: string): Promise<{ calls: number; usedMb: number[] }> {
  const { cookie, key } = await customerWithKey(email, 'starter');
  await simControl(`/keys/${key.id}/usage`, { usedMB: 100 });
  const bindings = { ...env, LIVE_KEY_CACHE: store } as Env;
  const before = (await simCalls()).length;
  const start = Date.now() + 60_000;
  const usedMb: number[] = [];
  for (let second = 0; second < READS; second++) {
    const res = await call('/api/account', {
      cookie,
      env: withOverrides(bindings, { clock: clockFrom(start + second * 1000) }),
    });
    expect(res.status).toBe(200);
    usedMb.push((await res.json<AccountAnswer>()).key.usedMb ?? -1);
  }
  const calls = (await simCalls()).slice(before).filter((c) => c.method === 'GET' && c.path.endsWith(key.id));
  return { calls: calls.length, usedMb };
}

beforeAll(resetSimulators);

describe('the live view of a key between dashboard reads', () => {
  it('kept nowhere (what *.workers.dev did with the Cache API alone), every read asks the platform', async () => {
    const { calls, usedMb } = await platformCallsPerMinute('off', 'view-off@example.com');
    expect(calls).toBe(READS);
    expect(new Set(usedMb)).toEqual(new Set([100]));
  });

  it('kept in the location’s Cache API (a custom domain), one platform call per 10 s of reads', async () => {
    const { calls } = await platformCallsPerMinute('cache-api', 'view-cache@example.com');
    expect(calls).toBe(READS / (LIVE_KEY_FRESH_MS / 1000));
  });

  it('kept in KV (*.workers.dev), one platform call per 10 s of reads, and the view is in KV', async () => {
    const { calls } = await platformCallsPerMinute('kv', 'view-kv@example.com');
    expect(calls).toBe(READS / (LIVE_KEY_FRESH_MS / 1000));
    const kept = await env.CACHE.list({ prefix: 'live-key:v1:' });
    expect(kept.keys).toHaveLength(1);
    // KV keeps a value at least 60 s: the view expires with its stale window.
    expect(kept.keys[0]?.expiration).toBeGreaterThan(Date.now() / 1000);
  });

  it('is kept in KV on *.workers.dev and in the Cache API on a custom domain, unless LIVE_KEY_CACHE says otherwise', () => {
    const on = (PUBLIC_URL: string, LIVE_KEY_CACHE?: string) => {
      const result = parseConfig({ ...env, ...PRODUCTION_VARS, PUBLIC_URL, LIVE_KEY_CACHE });
      return result.ok ? result.config.liveKeyCache : result.problems;
    };
    expect(on('https://proxy-storefront.acme.workers.dev')).toBe('kv');
    expect(on('https://shop.acme-proxies.com')).toBe('cache-api');
    expect(on('https://proxy-storefront.acme.workers.dev', 'off')).toBe('off');
    expect(on('https://shop.acme-proxies.com', 'sometimes')).toEqual([
      expect.objectContaining({ variable: 'LIVE_KEY_CACHE' }),
    ]);
  });
});
