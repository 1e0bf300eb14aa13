// Readings of the platform's usage counters into D1 (never on a dashboard read): a fresh one of the customer's
// working keys before a checkout counts what they still have (its writes ride in the checkout's batch); the cron's
// sweep over every key is sweep.ts. Readings that fail leave the last known figures (a stale reading only makes the
// count more cautious).

import type { BatchStatement } from '../db/index.ts';
import type { Services } from '../services/index.ts';
import { personSwitchOff } from './decisions.ts';
import { forgetLiveKey } from './live.ts';
import { type PoolKeyRow, recordUsageStatement, saveKeyStatement } from './store.ts';

/**
 * The customer's keys (`keys`, read with the session check) after a fresh reading from the platform, and the D1
 * writes that record it, for the caller to send in its next batch (no round trip of its own). A person's switch-off
 * (personSwitchOff) is known before any money is taken.
 */
export async function readUsage(
  services: Pick<Services, 'db' | 'pool' | 'log' | 'clock'>,
  keys: PoolKeyRow[],
): Promise<{ keys: PoolKeyRow[]; writes: BatchStatement[] }> {
  const { db, pool, log, clock } = services;
  const now = clock.now();
  const writes: BatchStatement[] = [];
  const read = await Promise.all(
    keys.map(async (key) => {
      if (key.state === 'retired' || !key.upstreamId) return key;
      try {
        const live = await pool.getKey(key.upstreamId, { maxRetries: 0 });
        // Fresher than the cached view: the dashboard asks again.
        await forgetLiveKey(live.id);
        writes.push(recordUsageStatement(db, key.id, live.id, live.trafficUsedMB, now));
        // The shop had it on and finds it off: who switched it off decides whether it may be sold more.
        const upstreamDisabledAt = await personSwitchOff(pool, key, live, key.enabled === true, now);
        if (upstreamDisabledAt === key.upstreamDisabledAt) return key;
        writes.push(saveKeyStatement(db, key.id, { upstreamDisabledAt, enabled: live.enabled }, now));
        return { ...key, upstreamDisabledAt, enabled: live.enabled };
      } catch (err) {
        log.warn('usage reading failed; counting the last known one', {
          customerId: key.customerId,
          upstreamId: key.upstreamId,
          err,
        });
        return key;
      }
    }),
  );
  return { keys: read, writes };
}
