// Test controls under /_sim/proxies (README "Simulators"): read keys with their secrets, drive usage and
// clocks, fake gateway sessions, inject faults, and replace the stock and incidents samples.
import { Hono } from 'hono';
import { type Incident, PLATFORM_CAP_LIMIT_GB, type PoolStock } from '../../src/pool/contract.ts';
import * as z from '../../src/zod.ts';
import { addFault, callsInFlight, clearFaults, FAULT_KINDS, type FaultKind, pendingFaults } from './faults.ts';
import { stockNow } from './gateway-api.ts';
import type { Ctx, Env } from './http.ts';
import { createKey, findKey, recordAudit, recordUsage, wire } from './keys.ts';
import { newSession, publicSession } from './sessions.ts';
import { DAY_MS, iso, keyNow, now, state } from './store.ts';

function advanceBy(body: Record<string, unknown>): number | undefined {
  const ms =
    typeof body.advanceMs === 'number'
      ? body.advanceMs
      : typeof body.advanceDays === 'number'
        ? body.advanceDays * DAY_MS
        : undefined;
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined;
}

async function controlBody(c: Ctx): Promise<Record<string, unknown>> {
  const body = (await c.req.json().catch(() => ({}))) as unknown;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const number = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** Keys one bulk call may create (a benchmark seeds 100,000 in ten). */
const BULK_MAX_KEYS = 10_000;

/** One key of a bulk seed: what a mint takes (docs/UPSTREAM.md), and the usage the gateway has flushed since. */
const BulkKey = z.object({
  label: z.string().check(z.minLength(1), z.maxLength(256)),
  trafficCapGB: z.int().check(z.minimum(1), z.maximum(PLATFORM_CAP_LIMIT_GB)),
  expiresAt: z.optional(z.nullable(z.string())),
  trafficUsedMB: z.optional(z.number().check(z.minimum(0))),
});
const BulkSeed = z.object({ keys: z.array(BulkKey).check(z.minLength(1), z.maxLength(BULK_MAX_KEYS)) });

export const proxiesControls = new Hono<Env>()
  /**
   * `{keys: [{label, trafficCapGB, expiresAt?, trafficUsedMB?}]}` (at most 10,000): keys minted as the platform mints
   * them, with the usage given flushed (auto-suspend at the cap follows); answers `[{id, key}]` in the same order.
   * For benchmarks that need a big reseller without a hundred thousand mint calls.
   */
  .post('/keys/bulk', async (c) => {
    const parsed = BulkSeed.safeParse(await controlBody(c));
    if (!parsed.success)
      return c.json(
        { error: `send {keys: [...]}, 1–${BULK_MAX_KEYS} keys of {label, trafficCapGB, expiresAt?, trafficUsedMB?}` },
        400,
      );
    const created = parsed.data.keys.map((input) => {
      const key = createKey(input, null);
      if (input.trafficUsedMB) recordUsage(key, input.trafficUsedMB);
      return { id: key.id, key: key.secret };
    });
    return c.json(created, 201);
  })
  /** Every live key with its unmasked secret and clock, for tests. */
  .get('/keys', (c) =>
    c.json([...state.keys.values()].map((k) => ({ ...wire(k, true), clockOffsetMs: k.clockOffsetMs }))),
  )
  /** `{usedMB}` sets the key's total usage, `{addMB}` adds to it; the gateway's flush (auto-suspend at the cap) follows. */
  .post('/keys/:id/usage', async (c) => {
    const key = findKey(c);
    if (!key) return c.json({ error: 'unknown key' }, 404);
    const body = await controlBody(c);
    const target =
      typeof body.usedMB === 'number'
        ? body.usedMB
        : typeof body.addMB === 'number'
          ? key.trafficUsedMB + body.addMB
          : undefined;
    if (target === undefined || !Number.isFinite(target) || target < 0)
      return c.json({ error: 'send {usedMB} or {addMB}, MB ≥ 0' }, 400);
    recordUsage(key, target);
    return c.json(wire(key, true));
  })
  /** `{enabled}` as a person in the Proxies.sx panel sets it: audited as `update` with authMethod `jwt`. */
  .post('/keys/:id/panel', async (c) => {
    const key = findKey(c);
    if (!key) return c.json({ error: 'unknown key' }, 404);
    const body = await controlBody(c);
    if (typeof body.enabled !== 'boolean') return c.json({ error: 'send {enabled: boolean}' }, 400);
    key.enabled = body.enabled;
    key.updatedAt = keyNow(key);
    recordAudit('update', key.id, c, { enabled: body.enabled }, now(), true);
    return c.json(wire(key, true));
  })
  /** `{capCeilingGB}`: this reseller account's cap ceiling (1000 for ordinary resellers, more for partners). */
  .put('/account', async (c) => {
    const ceiling = number((await controlBody(c)).capCeilingGB);
    if (ceiling === undefined || !Number.isInteger(ceiling) || ceiling < 1 || ceiling > PLATFORM_CAP_LIMIT_GB)
      return c.json({ error: `send {capCeilingGB}: a whole number 1–${PLATFORM_CAP_LIMIT_GB}` }, 400);
    state.capCeilingGB = ceiling;
    return c.json({ capCeilingGB: ceiling });
  })
  /** `{advanceMs}` or `{advanceDays}`: moves this key's clock (expiry, nightly job, usage days). */
  .post('/keys/:id/clock', async (c) => {
    const key = findKey(c);
    if (!key) return c.json({ error: 'unknown key' }, 404);
    const ms = advanceBy(await controlBody(c));
    if (ms === undefined) return c.json({ error: 'send {advanceMs} or {advanceDays}' }, 400);
    key.clockOffsetMs += ms;
    return c.json(wire(key, true));
  })
  /** Fake gateway sessions for a key: `{count?, sid?, pool?, country?, rotation?, carrier?}`. */
  .post('/keys/:id/sessions', async (c) => {
    const key = findKey(c);
    if (!key) return c.json({ error: 'unknown key' }, 404);
    const body = await controlBody(c);
    const n = typeof body.count === 'number' && body.count >= 1 ? Math.min(250, Math.floor(body.count)) : 1;
    const created = Array.from({ length: n }, (_, i) =>
      newSession(key, {
        sid: text(body.sid) && n > 1 ? `${text(body.sid)}_${i + 1}` : text(body.sid),
        pool: text(body.pool),
        country: text(body.country),
        rotation: text(body.rotation),
        carrier: text(body.carrier),
      }),
    );
    state.sessions.push(...created);
    return c.json(created.map(publicSession), 201);
  })
  /** `{advanceMs}` or `{advanceDays}`: moves the whole simulator's clock. */
  .post('/clock', async (c) => {
    const ms = advanceBy(await controlBody(c));
    if (ms === undefined) return c.json({ error: 'send {advanceMs} or {advanceDays}' }, 400);
    state.clockOffsetMs += ms;
    return c.json({ now: iso(now()), offsetMs: state.clockOffsetMs });
  })
  /** Faults for the next N matching Proxies.sx calls: `{kind, count?, method?, path?, ms?, status?, retryAfter?, afterProcessing?}`. */
  .post('/faults', async (c) => {
    const body = await controlBody(c);
    if (!FAULT_KINDS.includes(body.kind as FaultKind))
      return c.json({ error: `kind must be one of ${FAULT_KINDS.join(', ')}` }, 400);
    const pending = addFault({
      kind: body.kind as FaultKind,
      remaining: typeof body.count === 'number' && body.count >= 1 ? Math.floor(body.count) : 1,
      method: text(body.method)?.toUpperCase(),
      path: text(body.path),
      ms: number(body.ms),
      status: number(body.status),
      retryAfter: number(body.retryAfter),
      afterProcessing: body.afterProcessing === true,
    });
    return c.json(pending, 201);
  })
  .get('/faults', (c) => c.json(pendingFaults()))
  /** How many Proxies.sx calls are being handled right now (e.g. held by a latency fault): wait for 0. */
  .get('/inflight', (c) => c.json({ count: callsInFlight() }))
  .delete('/faults', (c) => {
    clearFaults();
    return c.json({ ok: true });
  })
  /** `{pools: {mbl: {cc: n}, peer: {cc: n}}}` replaces the stock sample (totals are computed). */
  .put('/stock', async (c) => {
    const body = await controlBody(c);
    const pools = body.pools as PoolStock['pools'] | undefined;
    if (!pools || typeof pools.mbl !== 'object' || typeof pools.peer !== 'object')
      return c.json({ error: 'send {pools: {mbl, peer}}' }, 400);
    state.stock = pools;
    return c.json(stockNow());
  })
  /** `{incidents: Incident[], bare?: true}` replaces the sample; `bare` answers in the older bare-array form. */
  .put('/incidents', async (c) => {
    const body = await controlBody(c);
    if (!Array.isArray(body.incidents)) return c.json({ error: 'send {incidents: [...]}' }, 400);
    state.incidents = { incidents: body.incidents as Incident[], bare: body.bare === true };
    return c.json({ ok: true });
  });
