// A fresh reading of the customer's working keys (before a checkout counts what they still have): each key's
// usage is recorded, and a key a person switched back on in the panel is no longer marked as switched off.
// Readings that fail leave the last known figures (a stale reading only makes the count more cautious).
import type { Services } from '../services/index.ts';
import { keysOf, type PoolKeyRow, recordUsage, saveKey } from './store.ts';

export async function refreshUsage(
  services: Pick<Services, 'db' | 'pool' | 'log' | 'clock'>,
  customerId: string,
): Promise<PoolKeyRow[]> {
  const { db, pool, log, clock } = services;
  const keys = await keysOf(db, customerId);
  const now = clock.now();
  return Promise.all(
    keys.map(async (key) => {
      if (key.state === 'retired' || !key.upstreamId) return key;
      try {
        const live = await pool.getKey(key.upstreamId, { maxRetries: 0 });
        await recordUsage(db, key.id, live.id, live.trafficUsedMB, now);
        if (live.enabled && key.upstreamDisabledAt) {
          await saveKey(db, key.id, { upstreamDisabledAt: null }, now);
          return { ...key, upstreamDisabledAt: null };
        }
        return key;
      } catch (err) {
        log.warn('usage reading failed; counting the last known one', { customerId, upstreamId: key.upstreamId, err });
        return key;
      }
    }),
  );
}
