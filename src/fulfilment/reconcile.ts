// The reconcile of one customer's keys, safe to start from anywhere at any time: a lease per customer (renewed
// before every upstream call, released only by its holder) keeps two runs from both calling the platform, and
// demand that arrives mid-run is picked up by another round. Running it twice, concurrently, after events arrived
// out of order, or after a crash at any point gives the same keys.
import { acquireLease, getSync, type Lease, releaseFailed, releaseSynced, renewLease } from '../keys/index.ts';
import { isUpstreamError, type PoolClient } from '../pool/index.ts';
import { convergeCustomer } from './customer.ts';
import type { ReconcileServices } from './key.ts';

export type ReconcileResult =
  /** The upstream keys match D1. */
  | { state: 'synced' }
  /** Another run holds the lease; it will see this demand (or the next cron run will). */
  | { state: 'busy' }
  /** Nothing owed: the customer never paid for anything. */
  | { state: 'nothing' }
  /** Demand kept arriving while running; the keys stay 'pending' for the next run. */
  | { state: 'pending' }
  /** The upstream failed; 'failed' with backoff, the cron retries. */
  | { state: 'failed'; error: string };

const MAX_ROUNDS = 3;

class LeaseLost extends Error {}

/** The pool client with the lease renewed before every call: a slow run keeps its lease, a run that lost it stops. */
function leasedPool(pool: PoolClient, renew: () => Promise<void>): PoolClient {
  return new Proxy(pool, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await renew();
        return value.apply(target, args);
      };
    },
  });
}

function describe(err: unknown): string {
  if (isUpstreamError(err)) return `${err.operation}: ${err.kind}${err.upstreamStatus ? ` ${err.upstreamStatus}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}

async function runLeased(services: ReconcileServices, lease: Lease): Promise<ReconcileResult | null> {
  const { db, clock, log } = services;
  const renew = async () => {
    if (!(await renewLease(db, lease, clock.now()))) throw new LeaseLost();
  };
  try {
    const { config, mail, kv } = services;
    await convergeCustomer(
      { db, clock, log, config, mail, kv, pool: leasedPool(services.pool, renew) },
      lease.customerId,
    );
    return null;
  } catch (err) {
    if (err instanceof LeaseLost) {
      log.warn('pool key reconcile lost its lease; the new holder carries on', { customerId: lease.customerId });
      return { state: 'busy' };
    }
    const error = describe(err);
    log.error('pool key reconcile failed', {
      customerId: lease.customerId,
      error,
      ...(isUpstreamError(err) ? err.toLog() : { err }),
    });
    await releaseFailed(db, lease, error, clock.now());
    return { state: 'failed', error };
  }
}

/** Makes the customer's upstream keys match what they paid for (see the top of this file). */
export async function reconcileCustomerKey(services: ReconcileServices, customerId: string): Promise<ReconcileResult> {
  const { db, clock } = services;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const lease = await acquireLease(db, customerId, clock.now());
    if (!lease) return (await getSync(db, customerId)) ? { state: 'busy' } : { state: 'nothing' };
    const failed = await runLeased(services, lease);
    if (failed) return failed;
    if (await releaseSynced(db, lease)) return { state: 'synced' };
  }
  return { state: 'pending' };
}
