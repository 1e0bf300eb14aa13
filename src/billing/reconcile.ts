// Fulfilment as a convergent reconcile: from the customer's paid orders in D1 compute what each of their Proxies.sx
// keys should hold (placing new orders on a generation, rolling over past the ceiling, retiring old keys after
// their grace), then make the upstream keys match. Running it twice, concurrently, after events arrived out of
// order, or after a crash at any point gives the same keys.
import { getCustomer } from '../customers/index.ts';
import {
  acquireLease,
  claimAnnouncement,
  customersWithRetirementDue,
  dueCustomers,
  getSync,
  keysOf,
  type Lease,
  markOwedStatement,
  openGenerationStatement,
  type PoolKeyRow,
  releaseFailed,
  releaseSynced,
  renewLease,
  saveKey,
  startRetiringStatement,
  sweepUsage,
  unclaimAnnouncement,
} from '../keys/index.ts';
import { isUpstreamError, type PoolClient } from '../pool/index.ts';
import {
  type CustomerRun,
  convergeKey,
  deleteRetired,
  type ReconcileServices,
  retireKey,
  USAGE_SETTLE_MS,
} from './converge.ts';
import { ledgerOf, type PlacementStep, placeOrders } from './ledger.ts';
import { entitlementOf, listEntitledOrders, placeOrderStatement } from './orders.ts';

export type { ReconcileServices };

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

function placementStatement(services: ReconcileServices, customerId: string, step: PlacementStep, now: number) {
  const { db, config } = services;
  if (step.kind === 'assign') return placeOrderStatement(db, step.orderId, step.generation);
  if (step.kind === 'open') return openGenerationStatement(db, customerId, step.generation, now);
  return startRetiringStatement(db, customerId, step.generation, now + config.keys.rolloverGraceMs, now);
}

/** Mails the customer once when a new generation replaced their key (the dashboard shows it too). */
async function announceNewKey(run: CustomerRun, keys: readonly PoolKeyRow[]): Promise<void> {
  const { db, mail } = run.services;
  const current = keys.find((k) => k.state === 'current');
  if (!current || current.generation === 1 || !current.upstreamId || current.announcedAt !== null) return;
  const previous = keys.filter((k) => k.state === 'retiring').at(-1);
  if (!(await claimAnnouncement(db, current.id, run.now))) return;
  try {
    await mail.enqueue({
      kind: 'key_rollover',
      keyId: current.id,
      to: run.customer.email,
      generation: current.generation,
      secretMask: current.secretMask,
      previousMask: previous?.secretMask ?? null,
      previousWorksUntil: previous?.graceUntil ?? null,
    });
  } catch (err) {
    await unclaimAnnouncement(db, current.id);
    throw err;
  }
}

async function converge(services: ReconcileServices, customerId: string): Promise<void> {
  const { db, config } = services;
  const now = services.clock.now();
  const customer = await getCustomer(db, customerId);
  if (!customer) throw new Error('customer row missing');
  let [keys, orders] = await Promise.all([keysOf(db, customerId), listEntitledOrders(db, customerId)]);

  const steps = placeOrders(orders, keys, config.keys.capCeilingGb);
  if (steps.length > 0) {
    const [first, ...rest] = steps.map((step) => placementStatement(services, customerId, step, now));
    if (first) await db.batch([first, ...rest]);
    [keys, orders] = await Promise.all([keysOf(db, customerId), listEntitledOrders(db, customerId)]);
  }

  const run: CustomerRun = {
    services,
    customer,
    now,
    expiresAt: entitlementOf(orders).expiresAt,
    blocked: Boolean(customer.suspendedAt) || keys.some((k) => k.state !== 'retired' && k.upstreamDisabledAt),
  };
  for (const key of keys) if (key.state === 'retired') await deleteRetired(run, key);
  let retired = false;
  for (const key of keys.filter((k) => k.state === 'retiring' && (k.graceUntil ?? 0) <= now)) {
    // Each carry sees the ones before it (one may have opened a new generation).
    if (retired) keys = await keysOf(db, customerId);
    retired = (await retireKey(run, key, keys, ledgerOf(orders, keys))) || retired;
  }
  if (retired) keys = await keysOf(db, customerId);

  const ledger = ledgerOf(orders, keys);
  for (const key of keys) {
    const balance = ledger.get(key.generation);
    // A refund of an order on a retired key takes its GB back from the key they were carried to.
    if (key.state === 'retired' && balance && balance.carriedOutGb !== key.carriedOutGb)
      await saveKey(db, key.id, { carriedOutGb: balance.carriedOutGb }, now);
  }
  const working = keys.filter((k) => k.state === 'current' || (k.state === 'retiring' && (k.graceUntil ?? 0) > now));
  for (const key of working) await convergeKey(run, key, ledger.get(key.generation));
  if (working.some((k) => k.state === 'current' && k.generation > 1 && k.announcedAt === null))
    await announceNewKey(run, await keysOf(db, customerId));
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
    const { config, mail } = services;
    await converge({ db, clock, log, config, mail, pool: leasedPool(services.pool, renew) }, lease.customerId);
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

/**
 * Makes the customer's upstream keys match what they paid for. Safe to call from anywhere at any time: a lease
 * (renewed while it runs, released only by its holder) keeps concurrent runs from both calling the upstream, and
 * demand that arrives mid-run is picked up by another round.
 */
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

/**
 * The cron: sweeps every key's usage (marking owed the keys that vanished or were switched on or off upstream),
 * marks owed the customers with a retirement step due (a grace that ended, a usage reading that has settled, a
 * retired key to delete), then reconciles every customer that is owed and due.
 */
export async function reconcileDueKeys(
  services: ReconcileServices,
  dueAt: number,
  limit = 25,
): Promise<Record<ReconcileResult['state'], number>> {
  const { db, log } = services;
  try {
    await sweepUsage(services);
  } catch (err) {
    log.warn('usage sweep failed; the last known usage stays', { err });
  }
  const retiring = await customersWithRetirementDue(db, dueAt, USAGE_SETTLE_MS, limit);
  const [first, ...rest] = retiring.map((customerId) => markOwedStatement(db, customerId, dueAt));
  if (first) await db.batch([first, ...rest]);
  const tally = { synced: 0, busy: 0, nothing: 0, pending: 0, failed: 0 };
  for (const customerId of await dueCustomers(db, dueAt, limit))
    tally[(await reconcileCustomerKey(services, customerId)).state]++;
  return tally;
}
