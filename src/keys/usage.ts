// Readings of the platform's usage counters into D1 (never on a dashboard read): a fresh one of the customer's
// working keys before a checkout counts what they still have (its writes ride in the checkout's batch); the cron's
// sweep over every key is sweep.ts. Readings that fail leave the last known figures (a stale reading only makes the
// count more cautious). And the key's daily series of traffic, which the dashboard, the console and /api/v1/usage all
// show.

import type { BatchStatement } from '../db/index.ts';
import { isUpstreamError } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import type { UsageAnswer } from '../shared/dashboard.ts';
import { personSwitchOff } from './decisions.ts';
import { forgetLiveKey } from './live.ts';
import { usageOfKey } from './recent.ts';
import { currentKey, type PoolKeyRow, recordUsageStatement, saveKeyStatement } from './store.ts';

/**
 * The customer's keys (`keys`, read with the session check) after a fresh reading from the platform, and the D1
 * writes that record it, for the caller to send in its next batch (no round trip of its own). A person's switch-off
 * (personSwitchOff) is known before any money is taken.
 */
export async function readUsage(
  services: Pick<Services, 'db' | 'pool' | 'log' | 'clock' | 'kv' | 'config'>,
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
        await forgetLiveKey(services, live.id);
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

/**
 * Daily in/out MB of a customer's current key (`key`, read by the caller), the last `days` days;
 * `available: false` when there is no key or the platform has no series.
 */
export async function dailyUsage(
  services: Pick<Services, 'pool' | 'log' | 'clock'>,
  key: PoolKeyRow | undefined,
  days: number,
): Promise<UsageAnswer> {
  const pakId = key?.upstreamId;
  if (!pakId) return { available: false, days: [] };
  return usageOfKey.get(`${pakId}:${days}`, services.clock.now(), async () => {
    try {
      return { available: true, days: await services.pool.keyUsage(pakId, days) };
    } catch (err) {
      // The series' shape is unconfirmed upstream: an answer without one means "not offered", not an outage.
      if (isUpstreamError(err) && err.kind === 'shape') {
        services.log.warn('key usage: no daily series in the answer', { err });
        return { available: false, days: [] };
      }
      throw err;
    }
  });
}

/** The daily series of the customer's current key, read by id (the console, a bearer token's request). */
export async function customerDailyUsage(
  services: Pick<Services, 'db' | 'pool' | 'log' | 'clock'>,
  customerId: string,
  days: number,
): Promise<UsageAnswer> {
  return dailyUsage(services, await currentKey(services.db, customerId), days);
}
