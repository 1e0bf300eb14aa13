// The upstream part of /api/healthz, on a clock the tests move: an old cache is never an outage, a failing platform
// is one from the first poll that asks it, and however often it is polled it asks at most once per 30 s.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEALTH_PROBE_INTERVAL_MS, STOCK } from '../../src/pool/availability.ts';
import { availabilityCache, clearProxiesFaults, proxiesFault, resetSimulators, stockCalls } from '../support/index.ts';

const SECOND = 1000;
const failStock = () => proxiesFault({ kind: 'error', status: 503, count: 1000, path: '/gateway/pool/stock' });

beforeEach(async () => {
  await resetSimulators();
  await env.CACHE.delete(STOCK.kvKey);
});
// The simulator serves every test file: leave no failing platform behind.
afterEach(clearProxiesFaults);

describe('the upstream health check', () => {
  it.each([10, 35, 65, 130])('stays ok on every poll %i s apart while the platform is healthy', async (gap) => {
    const { health, advance, settle } = availabilityCache();
    for (let poll = 0; poll < 6; poll++) {
      const answer = await health();
      expect(answer).toMatchObject({ ok: true, lastError: null });
      advance(gap * SECOND);
      await settle();
    }
  });

  it('is not an outage when the cached stock is old: it asks the platform and waits for the answer', async () => {
    const { read, health, advance } = availabilityCache();
    const cached = await read(STOCK);
    advance(65 * SECOND);
    const before = await stockCalls();
    const answer = await health();
    expect(answer.ok).toBe(true);
    expect(Date.parse(answer.lastOkAt!)).toBe(cached.fetchedAt + 65 * SECOND);
    expect(await stockCalls()).toBe(before + 1);
  });

  it('reports a failing platform on the first poll after it starts failing, and recovery on the first after', async () => {
    const { health, advance, settle } = availabilityCache();
    expect((await health()).ok).toBe(true);
    const okAt = (await health()).lastOkAt;
    await failStock();
    advance(35 * SECOND);
    const down = await health();
    expect(down).toMatchObject({ ok: false, lastOkAt: okAt, lastError: { reason: 'the platform answered HTTP 503' } });
    advance(35 * SECOND);
    expect((await health()).ok).toBe(false);
    await clearProxiesFaults();
    advance(35 * SECOND);
    const up = await health();
    expect(up.ok).toBe(true);
    // The failure stays visible after the recovery, for whoever looks later.
    expect(up.lastError).toMatchObject({ reason: 'the platform answered HTTP 503' });
    expect(Date.parse(up.lastOkAt!)).toBeGreaterThan(Date.parse(up.lastError!.at));
    await settle();
  });

  it('asks the platform at most once per 30 s however often it is polled, failing or not', async () => {
    const { health, advance } = availabilityCache();
    for (const failing of [false, true]) {
      if (failing) await failStock();
      advance(HEALTH_PROBE_INTERVAL_MS);
      await health();
      const asked = await stockCalls();
      for (let poll = 0; poll < 29; poll++) {
        advance(SECOND);
        expect((await health()).ok).toBe(!failing);
      }
      expect(await stockCalls()).toBe(asked);
    }
  });

  it('takes another isolate’s recent answer (through the shared cache) as the platform answering', async () => {
    const first = availabilityCache();
    await first.read(STOCK);
    const asked = await stockCalls();
    const other = availabilityCache();
    expect(await other.health()).toMatchObject({ ok: true, lastError: null });
    expect(await stockCalls()).toBe(asked);
  });

  it('never says more than the kind of failure', async () => {
    const { health, advance } = availabilityCache();
    await health();
    await proxiesFault({ kind: 'error', status: 401, count: 1000, path: '/gateway/pool/stock' });
    advance(HEALTH_PROBE_INTERVAL_MS);
    const answer = await health();
    expect(answer.lastError?.reason).toBe('the platform answered HTTP 401');
    const text = JSON.stringify(answer);
    for (const secretish of [env.SIM_URL, 'psx_', '/v1/', 'Simulated']) expect(text).not.toContain(secretish);
  });
});
