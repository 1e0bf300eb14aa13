// The platform's live view of a key (usage, enabled, expiry), kept between dashboard reads: fresh for
// LIVE_KEY_FRESH_MS, then served as it was (while the request's background work asks the platform again) for up to
// LIVE_KEY_STALE_MS, so a dashboard poll landing on a new isolate does not wait on the platform. Where it is kept
// (LIVE_KEY_CACHE): the location's Cache API on a custom domain, shared by every isolate there; KV on *.workers.dev,
// where the Cache API does nothing (https://developers.cloudflare.com/workers/runtime-apis/cache/) — KV keeps a value
// at least 60 s and takes about one write a second per key, and a view is written at most once per LIVE_KEY_FRESH_MS;
// or nowhere (`off`: every read asks the platform). Keyed by the key's upstream id, which always comes from the
// customer's own D1 row (never from the client): one customer's view is never served to another. Never writes D1.
import type { PoolAccessKey } from '../pool/index.ts';
import type { Services } from '../services/index.ts';

/** How long one platform answer about a key is fresh, and how long it may be served while it is asked again. */
export const LIVE_KEY_FRESH_MS = 10_000;
export const LIVE_KEY_STALE_MS = 60_000;

interface Kept {
  key: PoolAccessKey;
  at: number;
}

/** Where views are kept: read one, keep one, drop one (after the shop changed the key). */
interface LiveKeyStore {
  read(upstreamId: string): Promise<Kept | null>;
  keep(upstreamId: string, kept: Kept): Promise<void>;
  forget(upstreamId: string): Promise<void>;
}

type StoreServices = Pick<Services, 'kv' | 'config'>;
type LiveKeyServices = Pick<Services, 'pool' | 'log' | 'clock' | 'waitUntil'> & StoreServices;

/** This location's cache (typed by hand: the test build's DOM lib, from Preact, hides the Workers' `caches.default`). */
const locationCache = () => (globalThis as unknown as { caches: { default: Cache } }).caches.default;
/** A hostname no request can reach, so no visitor's URL ever matches a kept view. */
const cacheKey = (upstreamId: string) => `https://live-key.cache.invalid/${encodeURIComponent(upstreamId)}`;

const cacheApiStore: LiveKeyStore = {
  async read(upstreamId) {
    const hit = await locationCache().match(cacheKey(upstreamId));
    return hit ? hit.json<Kept>() : null;
  },
  async keep(upstreamId, kept) {
    const headers = { 'Cache-Control': `max-age=${LIVE_KEY_STALE_MS / 1000}`, 'Content-Type': 'application/json' };
    await locationCache().put(cacheKey(upstreamId), new Response(JSON.stringify(kept), { headers }));
  },
  async forget(upstreamId) {
    await locationCache().delete(cacheKey(upstreamId));
  },
};

const kvKey = (upstreamId: string) => `live-key:v1:${upstreamId}`;

function kvStore(kv: KVNamespace): LiveKeyStore {
  return {
    read: (upstreamId) => kv.get<Kept>(kvKey(upstreamId), 'json'),
    // KV's shortest expiry is 60 s: the view outlives its use by nothing.
    keep: (upstreamId, kept) =>
      kv.put(kvKey(upstreamId), JSON.stringify(kept), { expirationTtl: LIVE_KEY_STALE_MS / 1000 }),
    forget: (upstreamId) => kv.delete(kvKey(upstreamId)),
  };
}

const noStore: LiveKeyStore = { read: async () => null, keep: async () => {}, forget: async () => {} };

function storeOf({ config, kv }: StoreServices): LiveKeyStore {
  switch (config.liveKeyCache) {
    case 'cache-api':
      return cacheApiStore;
    case 'kv':
      return kvStore(kv);
    case 'off':
      return noStore;
  }
}

/** Drops the kept platform view of a key (after the shop changed it): at once here, elsewhere within its expiry. */
export async function forgetLiveKey(services: StoreServices, upstreamId: string): Promise<void> {
  await storeOf(services).forget(upstreamId);
}

async function askPlatform(services: LiveKeyServices, upstreamId: string): Promise<PoolAccessKey> {
  const key = await services.pool.getKey(upstreamId, { maxRetries: 1 });
  try {
    await storeOf(services).keep(upstreamId, { key, at: services.clock.now() });
  } catch (err) {
    // KV refuses a second write to one key within a second: the answer stands, the next read asks again.
    services.log.warn('live key not kept', { upstreamId, err });
  }
  return key;
}

/** The platform's view of the key, or null when it cannot be asked just now (the caller shows the shop's record). */
export async function liveKey(services: LiveKeyServices, upstreamId: string): Promise<PoolAccessKey | null> {
  try {
    const kept = await storeOf(services).read(upstreamId);
    if (kept) {
      const age = services.clock.now() - kept.at;
      if (age < LIVE_KEY_FRESH_MS) return kept.key;
      if (age < LIVE_KEY_STALE_MS) {
        services.waitUntil(
          askPlatform(services, upstreamId).catch((err: unknown) =>
            services.log.warn('live key refresh failed; the kept view stays', { upstreamId, err }),
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
