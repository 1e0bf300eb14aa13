// Fulfilment as a convergent reconcile: from the customer's paid, unrefunded orders in D1 compute what their
// Proxies.sx key should be (cap, expiry, enabled), then make the upstream key match. Running it twice, concurrently,
// after events arrived out of order, or after a crash at any point gives the same key.
import { eq } from 'drizzle-orm';
import { customers } from '../../schema.ts';
import { UPSTREAM_CAP_CEILING_GB } from '../config/index.ts';
import { seal, sha256Hex } from '../crypto.ts';
import { isUpstreamError, type PoolAccessKey, type UpdateKeyInput } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import { mbToGb } from '../shared/format.ts';
import { isoToMs, msToIso } from '../time.ts';
import {
  acquireLease,
  dueKeyCustomers,
  getKeyRow,
  type PoolKeyRow,
  releaseFailed,
  releaseSynced,
  saveKeyState,
} from './keys.ts';
import { type Entitlement, entitlementOf, listEntitledOrders } from './orders.ts';

/** What a reconcile works with; the pak_ secret is sealed at rest with `config.encryptionKey`. */
export type ReconcileServices = Pick<Services, 'db' | 'pool' | 'config' | 'log' | 'clock'>;

export type ReconcileResult =
  /** The upstream key matches D1. */
  | { state: 'synced' }
  /** Another run holds the lease; it will see this demand (or the next cron run will). */
  | { state: 'busy' }
  /** Nothing owed: the customer never paid for anything. */
  | { state: 'nothing' }
  /** Demand kept arriving while running; the key stays 'pending' for the next run. */
  | { state: 'pending' }
  /** The upstream failed; 'failed' with backoff, the cron retries. */
  | { state: 'failed'; error: string };

const MAX_ROUNDS = 3;

/** `pak_ab12…ef90`: enough to recognise a key, useless to use it. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 8)}…${secret.slice(-4)}`;
}

/** Same customer and same vanished key → same key, so a retry after a crash replays the first mint. */
async function mintIdempotencyKey(customerId: string, vanishedUpstreamId: string | null): Promise<string> {
  return `mint-${(await sha256Hex(`${customerId}:${vanishedUpstreamId ?? 'first'}`)).slice(0, 48)}`;
}

/** Expiries within a second are the same (the platform may round). */
const sameInstant = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) < 1000;

export interface KeyTarget {
  capGb: number;
  /** Sent to the upstream unless the key is already past it (the platform refuses past dates). */
  expiresAt: number | null;
  expired: boolean;
  enabled: boolean;
}

/** What the key should be: cap = open GB (the platform needs ≥ 1), enabled only with GB left, unexpired, not suspended. */
export function keyTarget(entitlement: Entitlement, suspended: boolean, usedGb: number, now: number): KeyTarget {
  const expired = entitlement.expiresAt !== null && entitlement.expiresAt <= now;
  return {
    capGb: Math.min(Math.max(entitlement.capGb, 1), UPSTREAM_CAP_CEILING_GB),
    expiresAt: entitlement.expiresAt,
    expired,
    enabled: !suspended && entitlement.capGb > 0 && !expired && usedGb < entitlement.capGb,
  };
}

async function converge(services: ReconcileServices, customerId: string, row: PoolKeyRow): Promise<void> {
  const { db, pool, log } = services;
  const now = services.clock.now();
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!customer) throw new Error('customer row missing');
  const entitlement = entitlementOf(await listEntitledOrders(db, customerId));

  let upstream: PoolAccessKey | null = null;
  if (row.upstreamId) {
    try {
      upstream = await pool.getKey(row.upstreamId);
    } catch (err) {
      if (!(isUpstreamError(err) && err.notFound)) throw err;
      log.warn('pool key vanished upstream; re-minting', { customerId, upstreamId: row.upstreamId });
    }
  }

  if (!upstream) {
    if (entitlement.capGb === 0) {
      // Nothing left to deliver (refunded before it was minted, or the key vanished with nothing left).
      await saveKeyState(db, customerId, { enabled: false });
      return;
    }
    const target = keyTarget(entitlement, Boolean(customer.suspendedAt), 0, now);
    const minted = await pool.mintKey(
      {
        label: `${customer.email} (${customerId})`.slice(0, 256),
        trafficCapGB: target.capGb,
        expiresAt: target.expired ? null : msToIso(target.expiresAt),
      },
      { idempotencyKey: await mintIdempotencyKey(customerId, row.upstreamId) },
    );
    // Store the secret before anything else can fail: the dashboard shows it without an upstream call.
    const sealed = await seal(services.config.encryptionKey, minted.key, customerId);
    await saveKeyState(db, customerId, {
      upstreamId: minted.id,
      secretCiphertext: sealed.ciphertext,
      secretIv: sealed.iv,
      secretMask: maskSecret(minted.key),
      capGb: minted.trafficCapGB,
      expiresAt: isoToMs(minted.expiresAt),
      enabled: minted.enabled,
    });
    log.info('pool key minted', { customerId, upstreamId: minted.id, capGb: minted.trafficCapGB });
    upstream = minted;
  }

  const target = keyTarget(entitlement, Boolean(customer.suspendedAt), mbToGb(upstream.trafficUsedMB), now);
  const patch: UpdateKeyInput = {};
  if (upstream.trafficCapGB !== target.capGb) patch.trafficCapGB = target.capGb;
  if (!target.expired && !sameInstant(isoToMs(upstream.expiresAt), target.expiresAt))
    patch.expiresAt = msToIso(target.expiresAt);
  // Re-enables a key the platform auto-suspended (cap reached, expired) once it has something to give again;
  // a customer the reseller suspended (customers.suspended_at) stays disabled.
  if (upstream.enabled !== target.enabled) patch.enabled = target.enabled;
  if (Object.keys(patch).length > 0) {
    upstream = await pool.updateKey(upstream.id, patch);
    log.info('pool key updated', { customerId, upstreamId: upstream.id, patch });
  }
  await saveKeyState(db, customerId, {
    upstreamId: upstream.id,
    capGb: upstream.trafficCapGB,
    expiresAt: isoToMs(upstream.expiresAt),
    enabled: upstream.enabled,
  });
}

function describe(err: unknown): string {
  if (isUpstreamError(err)) return `${err.operation}: ${err.kind}${err.upstreamStatus ? ` ${err.upstreamStatus}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Makes the customer's upstream key match what they paid for. Safe to call from anywhere at any time: a lease
 * keeps concurrent runs from both calling the upstream, and demand that arrives mid-run is picked up by another round.
 */
export async function reconcileCustomerKey(services: ReconcileServices, customerId: string): Promise<ReconcileResult> {
  const { db, clock } = services;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const lease = await acquireLease(db, customerId, clock.now());
    if (!lease) return (await getKeyRow(db, customerId)) ? { state: 'busy' } : { state: 'nothing' };
    try {
      await converge(services, customerId, lease);
    } catch (err) {
      const error = describe(err);
      services.log.error('pool key reconcile failed', {
        customerId,
        error,
        ...(isUpstreamError(err) ? err.toLog() : { err }),
      });
      await releaseFailed(db, customerId, error, clock.now());
      return { state: 'failed', error };
    }
    if (await releaseSynced(db, customerId, lease.updatedAt, clock.now())) return { state: 'synced' };
  }
  return { state: 'pending' };
}

/** The cron: every key that owes a reconcile and is due (pending, or failed past its backoff). */
export async function reconcileDueKeys(
  services: ReconcileServices,
  dueAt: number,
  limit = 25,
): Promise<Record<ReconcileResult['state'], number>> {
  const tally = { synced: 0, busy: 0, nothing: 0, pending: 0, failed: 0 };
  for (const customerId of await dueKeyCustomers(services.db, dueAt, limit))
    tally[(await reconcileCustomerKey(services, customerId)).state]++;
  return tally;
}
