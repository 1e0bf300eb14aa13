// The key_syncs row of each customer: a "reconcile owed" marker, the lease that keeps two reconciles from both
// calling the upstream, and retry backoff. The only module with SQL on the table.
import { and, eq, gt, inArray, isNull, lt, lte, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type KeySyncRow, keySyncs } from '../../schema.ts';
import { readByIds } from '../db/chunks.ts';
import type { Db } from '../db/index.ts';
import { byCustomer } from './store.ts';

export type { KeySyncRow };

/** How long a lease lasts unless its holder renews it (before every upstream call, each bounded by its timeout). */
const LEASE_MS = 60_000;

/** A customer's lease as its holder knows it. */
export interface Lease {
  customerId: string;
  /** Random per acquisition: only this holder renews or releases it. */
  holder: string;
  /** The demand stamp when it was taken: a release compares against it to see demand that arrived meanwhile. */
  demand: number;
}

/**
 * Marks the customer's keys as owing a reconcile (creating the row on the first purchase). `demand` only moves
 * forward, so a reconcile that started before this mark sees that it was overtaken.
 */
export function markOwedStatement(db: Db, customerId: string, now: number) {
  return db
    .insert(keySyncs)
    .values({ customerId, state: 'pending', attempts: 0, nextAttemptAt: null, demand: now })
    .onConflictDoUpdate({
      target: keySyncs.customerId,
      set: { state: 'pending', attempts: 0, nextAttemptAt: null, demand: sql`max(${keySyncs.demand} + 1, ${now})` },
    });
}

/** markOwedStatement for many customers in ONE statement (their ids travel as one JSON parameter). */
export function markManyOwedStatement(db: Db, customerIds: string[], now: number) {
  const owed = db
    .select({
      customerId: sql<string>`owed.value`.as('customer_id'),
      state: sql<'pending'>`'pending'`.as('state'),
      attempts: sql<number>`0`.as('attempts'),
      nextAttemptAt: sql<null>`null`.as('next_attempt_at'),
      lastError: sql<null>`null`.as('last_error'),
      leaseUntil: sql<null>`null`.as('lease_until'),
      leaseHolder: sql<null>`null`.as('lease_holder'),
      demand: sql<number>`${now}`.as('demand'),
    })
    .from(sql`json_each(${JSON.stringify(customerIds)}) as owed`)
    // SQLite reads ON CONFLICT after an INSERT … SELECT only when the SELECT has a WHERE.
    .where(sql`true`);
  return db
    .insert(keySyncs)
    .select(owed)
    .onConflictDoUpdate({
      target: keySyncs.customerId,
      set: { state: 'pending', attempts: 0, nextAttemptAt: null, demand: sql`max(${keySyncs.demand} + 1, ${now})` },
    });
}

/** Whether the customer `customerId` names (a column of another table) has keys that owe nothing, as SQL. */
export function syncedSql(customerId: SQLWrapper): SQL {
  return sql`exists (select 1 from ${keySyncs} where ${keySyncs.customerId} = ${customerId} and ${keySyncs.state} = 'synced')`;
}

export async function getSync(db: Db, customerId: string): Promise<KeySyncRow | undefined> {
  const [row] = await syncQuery(db, customerId);
  return row;
}

/** `getSync` as a statement that can ride in a batch with others. */
export function syncQuery(db: Db, customerId: string) {
  return db.select().from(keySyncs).where(eq(keySyncs.customerId, customerId)).limit(1);
}

/** Owed and due now: pending, or failed and past its backoff. */
export function isDue(sync: KeySyncRow | undefined, now: number): boolean {
  return Boolean(sync && (sync.state === 'pending' || (sync.state === 'failed' && (sync.nextAttemptAt ?? 0) <= now)));
}

/** Takes the customer's lease if nobody holds it (or the holder's lease ran out); undefined when someone else holds it. */
export async function acquireLease(
  db: Db,
  customerId: string,
  now: number,
  leaseMs = LEASE_MS,
): Promise<Lease | undefined> {
  const holder = crypto.randomUUID();
  const [row] = await db
    .update(keySyncs)
    .set({ leaseUntil: now + leaseMs, leaseHolder: holder })
    .where(and(eq(keySyncs.customerId, customerId), or(isNull(keySyncs.leaseUntil), lte(keySyncs.leaseUntil, now))))
    .returning({ demand: keySyncs.demand });
  return row ? { customerId, holder, demand: row.demand } : undefined;
}

/** Extends the lease; false when it is no longer ours (it ran out and another run took it). */
export async function renewLease(db: Db, lease: Lease, now: number, leaseMs = LEASE_MS): Promise<boolean> {
  const renewed = await db
    .update(keySyncs)
    .set({ leaseUntil: now + leaseMs })
    .where(and(eq(keySyncs.customerId, lease.customerId), eq(keySyncs.leaseHolder, lease.holder)))
    .returning({ customerId: keySyncs.customerId });
  return renewed.length > 0;
}

/**
 * Releases the lease after a successful run: 'synced' if no new demand arrived since it was taken, else still
 * 'pending' (the caller runs again). Returns whether it is synced. Nothing happens unless the lease is still ours.
 */
export async function releaseSynced(db: Db, lease: Lease): Promise<boolean> {
  const [row] = await db
    .update(keySyncs)
    .set({
      state: sql`case when ${keySyncs.demand} = ${lease.demand} then 'synced' else 'pending' end`,
      attempts: sql`case when ${keySyncs.demand} = ${lease.demand} then 0 else ${keySyncs.attempts} end`,
      nextAttemptAt: null,
      lastError: null,
      leaseUntil: null,
      leaseHolder: null,
    })
    .where(and(eq(keySyncs.customerId, lease.customerId), eq(keySyncs.leaseHolder, lease.holder)))
    .returning({ state: keySyncs.state });
  return row?.state === 'synced';
}

/** Backoff after a failed attempt: 30 s, 1, 2, 4 … min, at most 1 h, with ±20 % jitter. */
function backoffMs(attempts: number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Releases the lease after a failed run: 'failed', one more attempt, next try after backoff. Only its holder may. */
export async function releaseFailed(db: Db, lease: Lease, error: string, now: number): Promise<void> {
  const attempts = ((await getSync(db, lease.customerId))?.attempts ?? 0) + 1;
  await db
    .update(keySyncs)
    .set({
      state: 'failed',
      attempts,
      nextAttemptAt: now + backoffMs(attempts),
      lastError: error.slice(0, 500),
      leaseUntil: null,
      leaseHolder: null,
    })
    .where(and(eq(keySyncs.customerId, lease.customerId), eq(keySyncs.leaseHolder, lease.holder)));
}

/**
 * Customers whose keys owe a reconcile that is due now (pending, or failed and past its backoff), not leased: a page
 * of them in id order, after `page.after`.
 */
export async function dueCustomers(
  db: Db,
  now: number,
  page: { after: string | null; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ customerId: keySyncs.customerId })
    .from(keySyncs)
    .where(
      and(
        inArray(keySyncs.state, ['pending', 'failed']),
        or(isNull(keySyncs.nextAttemptAt), lte(keySyncs.nextAttemptAt, now)),
        or(isNull(keySyncs.leaseUntil), lt(keySyncs.leaseUntil, now)),
        page.after === null ? undefined : gt(keySyncs.customerId, page.after),
      ),
    )
    .orderBy(keySyncs.customerId)
    .limit(page.limit);
  return rows.map((r) => r.customerId);
}

/** Reconciles still owed (pending or failed), oldest demand first: the console's list of fulfilments to watch. */
export function owedSyncs(db: Db, limit: number): Promise<KeySyncRow[]> {
  return db
    .select()
    .from(keySyncs)
    .where(inArray(keySyncs.state, ['pending', 'failed']))
    .orderBy(keySyncs.demand)
    .limit(limit);
}

/** The sync rows of these customers (any number: read in slices under D1's bound-parameter limit). */
export async function syncsOf(db: Db, customerIds: string[]): Promise<Map<string, KeySyncRow>> {
  return byCustomer(await readByIds(customerIds, (ids) => syncsQuery(db, ids)));
}

/** The key_syncs rows of the customers `customerIds` names (a subquery, or a slice of readByIds), as a statement. */
export function syncsQuery(db: Db, customerIds: string[] | SQLWrapper) {
  return db.select().from(keySyncs).where(inArray(keySyncs.customerId, customerIds));
}
