// The platform's live view of a key (usage, enabled, expiry), asked at most every 10 s per key per isolate: the
// usage bar polls every 30 s and tabs add up. Reads only; it never writes D1.
import type { PoolAccessKey } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import { recentAnswers } from './recent.ts';

/** How long one platform answer about a key is reused. */
export const LIVE_KEY_FRESH_MS = 10_000;
const liveKeys = recentAnswers<PoolAccessKey>(LIVE_KEY_FRESH_MS);

/** Drops the cached platform view of a key (after the shop changed it). */
export function forgetLiveKey(upstreamId: string): void {
  liveKeys.forget(upstreamId);
}

/** The platform's view of the key, or null when it cannot be asked just now (the caller shows the shop's record). */
export async function liveKey(
  services: Pick<Services, 'pool' | 'log' | 'clock'>,
  upstreamId: string,
): Promise<PoolAccessKey | null> {
  try {
    return await liveKeys.get(upstreamId, services.clock.now(), () =>
      services.pool.getKey(upstreamId, { maxRetries: 1 }),
    );
  } catch (err) {
    services.log.warn('live key unavailable; showing the shop’s record', { upstreamId, err });
    return null;
  }
}
