// The pool_keys row of each customer: what the upstream key was last made to match, and the bookkeeping that
// makes reconciling it safe: a "reconcile owed" marker, a lease against concurrent runs, and retry backoff.
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { type PoolKeyRow, poolKeys } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import type { KeyStatus, KeySummary } from '../shared/billing.ts';

export type { PoolKeyRow };

/**
 * Marks the customer's key as owing a reconcile (creating the row on the first purchase). `updated_at` doubles as
 * the demand stamp: it only moves forward, so a reconcile that started before this mark can see it was overtaken.
 */
export function markKeyOwedStatement(db: Db, customerId: string, now = Date.now()) {
  return db
    .insert(poolKeys)
    .values({ customerId, syncState: 'pending', attempts: 0, nextAttemptAt: null, updatedAt: now })
    .onConflictDoUpdate({
      target: poolKeys.customerId,
      set: {
        syncState: 'pending',
        attempts: 0,
        nextAttemptAt: null,
        updatedAt: sql`max(${poolKeys.updatedAt} + 1, ${now})`,
      },
    });
}

export async function getKeyRow(db: Db, customerId: string): Promise<PoolKeyRow | undefined> {
  const [row] = await db.select().from(poolKeys).where(eq(poolKeys.customerId, customerId)).limit(1);
  return row;
}

/** How long one reconcile may hold a customer's key before another may take over (covers upstream timeouts). */
export const LEASE_MS = 60_000;

/**
 * Takes the customer's lease if nobody holds it (or the holder's lease ran out). Returns the row as it was when
 * taken — its `updatedAt` is the demand stamp the release compares against — or undefined when someone else holds it.
 */
export async function acquireLease(
  db: Db,
  customerId: string,
  now = Date.now(),
  leaseMs = LEASE_MS,
): Promise<PoolKeyRow | undefined> {
  const [row] = await db
    .update(poolKeys)
    .set({ leaseUntil: now + leaseMs })
    .where(and(eq(poolKeys.customerId, customerId), or(isNull(poolKeys.leaseUntil), lte(poolKeys.leaseUntil, now))))
    .returning();
  return row;
}

export interface KeyState {
  upstreamId: string | null;
  secretCiphertext: string | null;
  secretIv: string | null;
  secretMask: string | null;
  capGb: number | null;
  expiresAt: number | null;
  enabled: boolean | null;
}

/** Stores what the key was made to match (before release, so a crash right after minting keeps the secret). */
export async function saveKeyState(db: Db, customerId: string, state: Partial<KeyState>): Promise<void> {
  await db.update(poolKeys).set(state).where(eq(poolKeys.customerId, customerId));
}

/**
 * Releases the lease after a successful run: 'synced' if no new demand arrived since `stamp`, else still 'pending'
 * (the caller runs again). Returns whether it is synced.
 */
export async function releaseSynced(db: Db, customerId: string, stamp: number, now = Date.now()): Promise<boolean> {
  const [row] = await db
    .update(poolKeys)
    .set({
      syncState: sql`case when ${poolKeys.updatedAt} = ${stamp} then 'synced' else 'pending' end`,
      attempts: sql`case when ${poolKeys.updatedAt} = ${stamp} then 0 else ${poolKeys.attempts} end`,
      nextAttemptAt: null,
      lastError: null,
      leaseUntil: null,
      updatedAt: sql`case when ${poolKeys.updatedAt} = ${stamp} then max(${poolKeys.updatedAt} + 1, ${now}) else ${poolKeys.updatedAt} end`,
    })
    .where(eq(poolKeys.customerId, customerId))
    .returning({ syncState: poolKeys.syncState });
  return row?.syncState === 'synced';
}

/** Backoff after a failed attempt: 30 s, 1, 2, 4 … min, at most 1 h, with ±20 % jitter. */
export function backoffMs(attempts: number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Releases the lease after a failed run: 'failed', one more attempt, next try after backoff. */
export async function releaseFailed(db: Db, customerId: string, error: string, now = Date.now()): Promise<void> {
  const row = await getKeyRow(db, customerId);
  const attempts = (row?.attempts ?? 0) + 1;
  await db
    .update(poolKeys)
    .set({
      syncState: 'failed',
      attempts,
      nextAttemptAt: now + backoffMs(attempts),
      lastError: error.slice(0, 500),
      leaseUntil: null,
    })
    .where(eq(poolKeys.customerId, customerId));
}

/** Customers whose key owes a reconcile that is due now (pending, or failed and past its backoff). */
export async function dueKeyCustomers(db: Db, now = Date.now(), limit = 25): Promise<string[]> {
  const rows = await db
    .select({ customerId: poolKeys.customerId })
    .from(poolKeys)
    .where(
      and(
        inArray(poolKeys.syncState, ['pending', 'failed']),
        or(isNull(poolKeys.nextAttemptAt), lte(poolKeys.nextAttemptAt, now)),
        or(isNull(poolKeys.leaseUntil), lt(poolKeys.leaseUntil, now)),
      ),
    )
    .orderBy(poolKeys.nextAttemptAt)
    .limit(limit);
  return rows.map((r) => r.customerId);
}

/** The key as the customer sees it, from D1 alone (never the secret). */
export function keySummary(row: PoolKeyRow | undefined): KeySummary {
  if (!row) return { status: 'none', capGb: null, expiresAt: null, enabled: null, secretMask: null };
  const status: KeyStatus =
    row.syncState === 'failed'
      ? 'retrying'
      : row.syncState === 'synced'
        ? row.upstreamId
          ? 'ready'
          : 'none'
        : row.upstreamId
          ? 'updating'
          : 'provisioning';
  return { status, capGb: row.capGb, expiresAt: row.expiresAt, enabled: row.enabled, secretMask: row.secretMask };
}
