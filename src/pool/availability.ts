// Public pool availability (stock per country, active incidents), cached so customers never hammer the
// upstream: KV holds the last validated answer; it is fresh for 30 s, then served stale while ONE
// background refresh runs; concurrent misses in an isolate share one upstream call; during an outage the
// last good value is served with `stale: true`; after a failed refresh the upstream is left alone for 10 s.
import type { Clock } from '../clock.ts';
import { DomainError, UNAVAILABLE_MESSAGE } from '../domain-error.ts';
import type { Logger } from '../log.ts';
import type { IncidentSummary, IncidentsResponse, StockResponse } from '../shared/api.ts';
import * as z from '../zod.ts';
import type { PoolClient } from './client.ts';
import { Incident, type IncidentsFeed, PoolStock } from './contract.ts';
import { isUpstreamError } from './errors.ts';

export const FRESH_MS = 30_000;
/** Served values older than this say `stale: true` (the refresh behind them is late or failing). */
export const STALE_AFTER_MS = 60_000;
/** How long KV keeps the last good value: it is what an outage falls back to. */
export const KV_TTL_SECONDS = 24 * 60 * 60;
/** After a failed upstream call, neither misses nor refreshes call again for this long (per isolate). */
export const FAILURE_BACKOFF_MS = 10_000;
/** A refresh that finished this recently answers a miss (closes the race with reads issued before its KV write). */
const SETTLE_MS = 5_000;

export interface Cached<T> {
  value: T;
  /** When the upstream answered (unix ms). */
  fetchedAt: number;
  stale: boolean;
}

interface Resource<T> {
  kvKey: string;
  schema: z.ZodMiniType<T>;
  fetch: (client: AvailabilityClient) => Promise<T>;
}

const IncidentsFeedSchema = z.object({ incidents: z.array(Incident), generatedAt: z.nullable(z.string()) });

export const STOCK: Resource<PoolStock> = {
  kvKey: 'availability:stock:v1',
  schema: PoolStock,
  fetch: (client) => client.stock({ maxRetries: 1 }),
};

export const INCIDENTS: Resource<IncidentsFeed> = {
  kvKey: 'availability:incidents:v1',
  schema: IncidentsFeedSchema,
  fetch: (client) => client.incidents({ maxRetries: 1 }),
};

export type AvailabilityClient = Pick<PoolClient, 'stock' | 'incidents'>;

/** A failed upstream call as the health check reports it: when, and why in words that hold no secret. */
export interface UpstreamFailure {
  at: number;
  reason: string;
}

/**
 * Per-isolate bookkeeping: in-flight upstream calls, the last value this isolate fetched, when the current run of
 * failures began (cleared by a success: the backoff reads it) and the last failure (kept: the health check reports it).
 */
export interface AvailabilityState {
  inflight: Map<string, Promise<{ value: unknown; fetchedAt: number }>>;
  recent: Map<string, { value: unknown; fetchedAt: number }>;
  failedAt: Map<string, number>;
  lastFailure: Map<string, UpstreamFailure>;
}

export function createAvailabilityState(): AvailabilityState {
  return { inflight: new Map(), recent: new Map(), failedAt: new Map(), lastFailure: new Map() };
}

const isolateState = createAvailabilityState();

/**
 * What the cache works with (the shop's services, named here because the pool client is one of the parts they are
 * built from): background refreshes outlive the response through `waitUntil`.
 */
export interface AvailabilityServices {
  readonly kv: KVNamespace;
  readonly pool: PoolClient;
  readonly log: Logger;
  readonly clock: Clock;
  waitUntil(promise: Promise<unknown>): void;
}

/** Nothing cached and the platform failed: answered 503 `availability_unavailable`. */
export class AvailabilityUnavailable extends DomainError<'availability_unavailable'> {
  override readonly name = 'AvailabilityUnavailable';
  constructor() {
    super(
      'availability_unavailable',
      'Availability is temporarily unavailable.',
      { availability_unavailable: 503 },
      { publicMessage: UNAVAILABLE_MESSAGE },
    );
  }
}

async function readKv<T>(
  resource: Resource<T>,
  services: AvailabilityServices,
): Promise<{ value: T; fetchedAt: number } | undefined> {
  try {
    const stored = await services.kv.get<{ value: unknown; fetchedAt: unknown }>(resource.kvKey, 'json');
    if (!stored || typeof stored.fetchedAt !== 'number') return undefined;
    const parsed = resource.schema.safeParse(stored.value);
    return parsed.success ? { value: parsed.data, fetchedAt: stored.fetchedAt } : undefined;
  } catch (err) {
    services.log.warn('availability cache unreadable', { key: resource.kvKey, err });
    return undefined;
  }
}

/** One upstream call per resource per isolate at a time; the answer (already validated) goes to KV. */
function refresh<T>(
  resource: Resource<T>,
  services: AvailabilityServices,
  state: AvailabilityState,
): Promise<{ value: T; fetchedAt: number }> {
  const { clock } = services;
  const running = state.inflight.get(resource.kvKey);
  if (running !== undefined) return running as Promise<{ value: T; fetchedAt: number }>;
  const call = (async () => {
    try {
      const value = await resource.fetch(services.pool);
      const entry = { value, fetchedAt: clock.now() };
      state.recent.set(resource.kvKey, entry);
      state.failedAt.delete(resource.kvKey);
      try {
        await services.kv.put(resource.kvKey, JSON.stringify(entry), { expirationTtl: KV_TTL_SECONDS });
      } catch (err) {
        services.log.warn('availability cache write failed', { key: resource.kvKey, err });
      }
      return entry;
    } catch (err) {
      const at = clock.now();
      state.failedAt.set(resource.kvKey, at);
      state.lastFailure.set(resource.kvKey, { at, reason: failureReason(err) });
      throw err;
    } finally {
      state.inflight.delete(resource.kvKey);
    }
  })();
  state.inflight.set(resource.kvKey, call);
  // The call continues even if the request that started it goes away: other requests may be waiting on it.
  services.waitUntil(call.catch(() => {}));
  return call;
}

function recentlyFailed(key: string, state: AvailabilityState, now: number): boolean {
  const at = state.failedAt.get(key);
  return at !== undefined && now - at < FAILURE_BACKOFF_MS;
}

/**
 * The cached value of a resource, following the freshness rules above. Throws AvailabilityUnavailable.
 * `state` defaults to this isolate's.
 */
export async function readAvailability<T>(
  resource: Resource<T>,
  services: AvailabilityServices,
  state = isolateState,
): Promise<Cached<T>> {
  const cached = await readKv(resource, services);
  const at = services.clock.now();
  if (cached && at - cached.fetchedAt < FRESH_MS) return { ...cached, stale: false };
  if (cached) {
    // Stale: answer now, refresh once in the background (not while a recent failure is cooling down).
    if (!recentlyFailed(resource.kvKey, state, at) && !state.inflight.has(resource.kvKey)) {
      refresh(resource, services, state).catch((err) =>
        services.log.warn('availability refresh failed, serving the last good value', { key: resource.kvKey, err }),
      );
    }
    return { ...cached, stale: at - cached.fetchedAt >= STALE_AFTER_MS };
  }
  const recent = state.recent.get(resource.kvKey) as { value: T; fetchedAt: number } | undefined;
  if (recent && at - recent.fetchedAt < SETTLE_MS) return { ...recent, stale: false };
  if (recentlyFailed(resource.kvKey, state, at) && !state.inflight.has(resource.kvKey))
    throw new AvailabilityUnavailable();
  try {
    const entry = await refresh(resource, services, state);
    return { ...entry, stale: false };
  } catch (err) {
    services.log.error('availability unavailable: upstream failed and nothing is cached', { key: resource.kvKey, err });
    throw new AvailabilityUnavailable();
  }
}

/** Cache-Control for a served value: shared caches may keep it for what is left of its fresh window. */
export function availabilityCacheControl(cached: Cached<unknown>, now: number): string {
  const left = Math.floor((FRESH_MS - (now - cached.fetchedAt)) / 1000);
  return left > 0
    ? `public, max-age=${left}, stale-while-revalidate=30, stale-if-error=300`
    : 'public, max-age=5, stale-if-error=300';
}

// ── What the public endpoints return ────────────────────────────────────────────────────────────────

/** Only the countries the shop offers, in its order, with mobile and peer device counts (0 when absent). */
export function offeredStock(cached: Cached<PoolStock>, countries: string[]): StockResponse {
  const { pools, generatedAt } = cached.value;
  return {
    countries: countries.map((code) => ({ code, mbl: pools.mbl[code] ?? 0, peer: pools.peer[code] ?? 0 })),
    generatedAt,
    fetchedAt: new Date(cached.fetchedAt).toISOString(),
    stale: cached.stale,
  };
}

function summarise(incident: Incident): IncidentSummary {
  const countries = new Set<string>();
  const pools = new Set<string>();
  for (const item of incident.affects) {
    const [kind, value] = item.includes(':')
      ? (item.toLowerCase().split(':', 2) as [string, string])
      : ['country', item.toLowerCase()];
    if (kind === 'country' && /^[a-z]{2}$/.test(value)) countries.add(value);
    else if (kind === 'pool' && value) pools.add(value);
  }
  return {
    id: incident.id,
    severity: incident.severity,
    title: incident.title,
    description: incident.description ?? null,
    startedAt: incident.startedAt,
    countries: [...countries],
    pools: [...pools],
  };
}

const SEVERITY_ORDER = { critical: 0, major: 1, minor: 2, info: 3 } as const;

/** Unresolved incidents, most severe first, with `affects` read in both of its forms. */
export function activeIncidents(cached: Cached<IncidentsFeed>): IncidentsResponse {
  const incidents = cached.value.incidents
    .filter((i) => !i.resolvedAt)
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.startedAt.localeCompare(a.startedAt))
    .map(summarise);
  return { incidents, fetchedAt: new Date(cached.fetchedAt).toISOString(), stale: cached.stale };
}

/** Why an upstream call failed, for the health check: the kind and status only, never a URL, body or key. */
function failureReason(err: unknown): string {
  if (!isUpstreamError(err)) return 'unexpected error';
  switch (err.kind) {
    case 'http':
      return `the platform answered HTTP ${err.upstreamStatus ?? '?'}`;
    case 'timeout':
      return 'the platform did not answer in time';
    case 'network':
      return 'the platform could not be reached';
    case 'shape':
      return 'the platform answered in an unexpected shape';
    case 'config':
      return 'the shop is not configured to call the platform';
  }
}

/** The health check asks the platform itself at most this often per isolate, and only when nothing else did. */
export const HEALTH_PROBE_INTERVAL_MS = FRESH_MS;

export interface UpstreamHealth {
  ok: boolean;
  /** When the platform last answered (ISO), as far as this isolate and the shared cache know. */
  lastOkAt: string | null;
  /** The last failure this isolate saw, even one already followed by a success; null when none. */
  lastError: { at: string; reason: string } | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Upstream reachability for /api/healthz: ok when the platform's latest answer (to this isolate, or to any isolate
 * through the cached stock) is newer than this isolate's latest failure. When nobody asked it for 30 s, the check
 * asks now (refreshing the stock cache with the answer) and waits for it: an old cache alone is never an outage,
 * a failing call is. So however often it is polled, it adds at most one platform call per 30 s per isolate.
 */
export async function upstreamHealth(services: AvailabilityServices, state = isolateState): Promise<UpstreamHealth> {
  const key = STOCK.kvKey;
  const shared = await readKv(STOCK, services);
  const lastOk = () =>
    Math.max(
      shared?.fetchedAt ?? Number.NEGATIVE_INFINITY,
      state.recent.get(key)?.fetchedAt ?? Number.NEGATIVE_INFINITY,
    );
  const lastAsked = Math.max(lastOk(), state.lastFailure.get(key)?.at ?? Number.NEGATIVE_INFINITY);
  if (state.inflight.has(key) || services.clock.now() - lastAsked >= HEALTH_PROBE_INTERVAL_MS) {
    await refresh(STOCK, services, state).catch((err) => services.log.warn('upstream health probe failed', { err }));
  }
  const okAt = lastOk();
  const failure = state.lastFailure.get(key);
  return {
    ok: Number.isFinite(okAt) && (failure === undefined || failure.at < okAt),
    lastOkAt: Number.isFinite(okAt) ? iso(okAt) : null,
    lastError: failure ? { at: iso(failure.at), reason: failure.reason } : null,
  };
}
