// The platform's live view of a key (usage, enabled, expiry), shared by every isolate of this location through the
// Cache API: fresh for LIVE_KEY_FRESH_MS, then served as it was (while the request's background work asks the
// platform again) for up to LIVE_KEY_STALE_MS, so a dashboard poll landing on a new isolate does not wait on the
// platform. Keyed by the key's upstream id, which always comes from the customer's own D1 row (never from the
// client), under a hostname no request can reach: one customer's view is never served to another. Never writes D1.
import type { PoolAccessKey } from '../pool/index.ts';
import type { Services } from '../services/index.ts';

/** How long one platform answer about a key is fresh, and how long it may be served while it is asked again. */
export const LIVE_KEY_FRESH_MS = 10_000;
export const LIVE_KEY_STALE_MS = 60_000;

const CACHE_HOST = 'https://live-key.cache.invalid/';

interface Kept {
  key: PoolAccessKey;
  at: number;
}

type LiveKeyServices = Pick<Services, 'pool' | 'log' | 'clock' | 'waitUntil'>;

/** This location's cache (typed by hand: the test build's DOM lib, from Preact, hides the Workers' `caches.default`). */
const locationCache = () => (globalThis as unknown as { caches: { default: Cache } }).caches.default;
const cacheKey = (upstreamId: string) => `${CACHE_HOST}${encodeURIComponent(upstreamId)}`;

/** Drops the cached platform view of a key (after the shop changed it), in this location. */
export async function forgetLiveKey(upstreamId: string): Promise<void> {
  await locationCache().delete(cacheKey(upstreamId));
}

async function askPlatform({ pool, clock }: LiveKeyServices, upstreamId: string): Promise<PoolAccessKey> {
  const key = await pool.getKey(upstreamId, { maxRetries: 1 });
  const kept: Kept = { key, at: clock.now() };
  const headers = { 'Cache-Control': `max-age=${LIVE_KEY_STALE_MS / 1000}`, 'Content-Type': 'application/json' };
  await locationCache().put(cacheKey(upstreamId), new Response(JSON.stringify(kept), { headers }));
  return key;
}

/** The platform's view of the key, or null when it cannot be asked just now (the caller shows the shop's record). */
export async function liveKey(services: LiveKeyServices, upstreamId: string): Promise<PoolAccessKey | null> {
  try {
    const hit = await locationCache().match(cacheKey(upstreamId));
    if (hit) {
      const kept = await hit.json<Kept>();
      const age = services.clock.now() - kept.at;
      if (age < LIVE_KEY_FRESH_MS) return kept.key;
      if (age < LIVE_KEY_STALE_MS) {
        services.waitUntil(
          askPlatform(services, upstreamId).catch((err: unknown) =>
            services.log.warn('live key refresh failed; the cached view stays', { upstreamId, err }),
          ),
        );
        return kept.key;
      }
    }
    return await askPlatform(services, upstreamId);
  } catch (err) {
    services.log.warn('live key unavailable; showing the shop’s record', { upstreamId, err });
    return null;
  }
}
