// Public availability: GET /api/stock and /api/incidents from the KV cache, and the cache's rules
// (fresh hit, stale-while-revalidate, outage fallback, coalescing, validated shapes only).
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { FRESH_MS, INCIDENTS, KV_TTL_SECONDS, STOCK } from '../../src/pool/availability.ts';
import type { PoolStock } from '../../src/pool/contract.ts';
import type { IncidentsResponse, StockResponse } from '../../src/shared/api.ts';
import { availabilityCache, call, proxiesFault, resetSimulators, simControl, stockCalls } from '../support/index.ts';

beforeEach(async () => {
  await resetSimulators();
  await env.CACHE.delete(STOCK.kvKey);
  await env.CACHE.delete(INCIDENTS.kvKey);
});

describe('the availability cache', () => {
  it('serves a fresh value from KV without calling the upstream again', async () => {
    const { read, advance } = availabilityCache();
    const first = await read(STOCK);
    advance(FRESH_MS - 1000);
    const second = await read(STOCK);
    expect(second).toEqual(first);
    expect(second.stale).toBe(false);
    expect(await stockCalls()).toBe(1);
  });

  it('keeps it in KV with a TTL of at least 60 s', async () => {
    const { read } = availabilityCache();
    await read(STOCK);
    const listed = await env.CACHE.list({ prefix: STOCK.kvKey });
    expect(listed.keys).toHaveLength(1);
    expect(listed.keys[0]!.expiration! - Date.now() / 1000).toBeGreaterThanOrEqual(60);
    expect(KV_TTL_SECONDS).toBeGreaterThanOrEqual(60);
  });

  it('after 30 s serves the cached value at once and refreshes it once in the background', async () => {
    const { read, advance, settle } = availabilityCache();
    const first = await read(STOCK);
    await simControl('/stock', { pools: { mbl: { us: 5 }, peer: {} } }, 'PUT');
    advance(FRESH_MS + 1000);
    const served = await Promise.all(Array.from({ length: 10 }, () => read(STOCK)));
    expect(served.every((s) => s.value.pools.mbl.us === 73 && s.fetchedAt === first.fetchedAt)).toBe(true);
    await settle();
    expect(await stockCalls()).toBe(2);
    const refreshed = await read(STOCK);
    expect(refreshed.value.pools.mbl.us).toBe(5);
    expect(refreshed.stale).toBe(false);
  });

  it('coalesces concurrent misses into one upstream call', async () => {
    const { read } = availabilityCache();
    await proxiesFault({ kind: 'latency', ms: 100, path: '/gateway/pool/stock' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => read(STOCK)));
    expect(new Set(answers.map((a) => a.fetchedAt)).size).toBe(1);
    expect(await stockCalls()).toBe(1);
  });

  it('during an outage serves the last good value marked stale, and leaves the upstream alone for a while', async () => {
    const { read, advance, settle, health } = availabilityCache();
    await read(STOCK);
    await proxiesFault({ kind: 'error', status: 503, count: 100, path: '/gateway/pool/stock' });
    advance(5 * 60_000);
    const first = await read(STOCK);
    expect(first).toMatchObject({ stale: true, value: { totals: { all: 158 } } });
    await settle();
    const callsAfterFailure = await stockCalls();
    for (let i = 0; i < 20; i++) expect((await read(STOCK)).stale).toBe(true);
    await settle();
    expect(await stockCalls()).toBe(callsAfterFailure);
    expect(await health()).toMatchObject({ ok: false, lastError: { reason: 'the platform answered HTTP 503' } });
  });

  it('with nothing cached and the upstream down, answers unavailable (not a 500)', async () => {
    const { read } = availabilityCache();
    await proxiesFault({ kind: 'error', status: 500, count: 100, path: '/gateway/pool/stock' });
    await expect(read(STOCK)).rejects.toMatchObject({ status: 503, code: 'availability_unavailable' });
  });

  it('never caches a wrong shape: the last good value stays', async () => {
    const { read, advance, settle } = availabilityCache();
    await read(STOCK);
    await simControl('/stock', { pools: { mbl: { us: 'lots' }, peer: {} } }, 'PUT');
    advance(FRESH_MS + 1000);
    await read(STOCK);
    await settle();
    const stored = await env.CACHE.get<{ value: PoolStock }>(STOCK.kvKey, 'json');
    expect(stored!.value.pools.mbl.us).toBe(73);
  });
});

describe('GET /api/stock', () => {
  it('returns only the offered countries with mobile and peer counts, cacheable by browsers', async () => {
    const res = await call('/api/stock');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const body = await res.json<StockResponse>();
    const offered = getConfig(env).countries;
    expect(body.countries.map((c) => c.code)).toEqual(offered);
    expect(body.countries.find((c) => c.code === 'us')).toEqual({ code: 'us', mbl: 73, peer: 0 });
    expect(body.countries.find((c) => c.code === 'nl')).toEqual({ code: 'nl', mbl: 0, peer: 0 });
    expect(body.countries.some((c) => c.code === 'ch')).toBe(false);
    expect(body.stale).toBe(false);
  });

  it('serves repeated visitors from the cache', async () => {
    for (let i = 0; i < 5; i++) expect((await call('/api/stock')).status).toBe(200);
    expect(await stockCalls()).toBeLessThanOrEqual(1);
  });
});

describe('GET /api/incidents', () => {
  it('returns unresolved incidents, most severe first, with affects read in both forms', async () => {
    const res = await call('/api/incidents');
    expect(res.status).toBe(200);
    const body = await res.json<IncidentsResponse>();
    expect(body.incidents.map((i) => i.id)).toEqual(['inc_2026_11_28_de_peer', 'inc_2026_11_27_fr']);
    expect(body.incidents[0]).toMatchObject({ severity: 'minor', countries: ['de'], pools: ['peer'] });
    expect(body.incidents[1]).toMatchObject({ severity: 'info', countries: ['fr'], pools: [], description: null });
  });
});

describe('GET /api/healthz', () => {
  it('reports the upstream as reachable without revealing anything about it', async () => {
    const res = await call('/api/healthz');
    const body = await res.json<{ checks: Record<string, unknown> }>();
    expect(body.checks.upstream).toMatchObject({ ok: true, lastError: null });
    expect(Date.parse((body.checks.upstream as { lastOkAt: string }).lastOkAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(body)).not.toContain(env.SIM_URL);
  });
});
