// The pool_keys rows: one per key generation of a customer. The only module with SQL on the table.
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, type SQLWrapper, sql } from 'drizzle-orm';
import { type PoolKeyRow, poolKeys } from '../../schema.ts';
import type { Db } from '../db/index.ts';

export type { PoolKeyRow };

/** What a run of the reconcile (or a rotation) writes back about a key. */
export type KeyChange = Partial<
  Pick<
    PoolKeyRow,
    | 'upstreamId'
    | 'secretCiphertext'
    | 'secretIv'
    | 'secretMask'
    | 'secretCheck'
    | 'capGb'
    | 'expiresAt'
    | 'enabled'
    | 'spentGb'
    | 'usedMb'
    | 'usedAt'
    | 'upstreamDisabledAt'
    | 'switchedOffAt'
    | 'carriedOutGb'
    | 'deletedAt'
    | 'mints'
    | 'announcedAt'
  >
>;

function newKeyId(): string {
  return `key_${crypto.randomUUID().replace(/-/g, '')}`;
}

/** Every generation of the customer's keys, oldest first. */
export function keysOf(db: Db, customerId: string) {
  return db.select().from(poolKeys).where(eq(poolKeys.customerId, customerId)).orderBy(asc(poolKeys.generation));
}

/** The customer's current key: where new GB go and what the dashboard shows. */
export async function currentKey(db: Db, customerId: string): Promise<PoolKeyRow | undefined> {
  const [row] = await currentKeyQuery(db, customerId);
  return row;
}

/** `currentKey` as a statement that can ride in a batch with others. */
export function currentKeyQuery(db: Db, customerId: string) {
  return db
    .select()
    .from(poolKeys)
    .where(and(eq(poolKeys.customerId, customerId), eq(poolKeys.state, 'current')))
    .limit(1);
}

/** The current key of each of these customers (at most 90 ids: D1 binds at most 100 parameters). */
export async function currentKeysOf(db: Db, customerIds: string[]): Promise<Map<string, PoolKeyRow>> {
  if (customerIds.length === 0) return new Map();
  return byCustomer(await currentKeysQuery(db, customerIds));
}

/** The current keys of the customers `customerIds` names (ids, or a subquery of them), as a batchable statement. */
export function currentKeysQuery(db: Db, customerIds: string[] | SQLWrapper) {
  return db
    .select()
    .from(poolKeys)
    .where(and(inArray(poolKeys.customerId, customerIds), eq(poolKeys.state, 'current')));
}

export const byCustomer = <T extends { customerId: string }>(rows: T[]) => new Map(rows.map((r) => [r.customerId, r]));

/** Every key that works or may work upstream (current and retiring, minted): for the console's figures. */
export function liveUpstreamKeys(db: Db): Promise<PoolKeyRow[]> {
  return db
    .select()
    .from(poolKeys)
    .where(and(inArray(poolKeys.state, ['current', 'retiring']), isNotNull(poolKeys.upstreamId)));
}

/** Opens generation `generation` as the customer's current key (no upstream key yet). A second open is a no-op. */
export function openGenerationStatement(db: Db, customerId: string, generation: number, now: number) {
  return db
    .insert(poolKeys)
    .values({ id: newKeyId(), customerId, generation, state: 'current', createdAt: now, updatedAt: now })
    .onConflictDoNothing();
}

/**
 * A retiring key's final usage is known: it is retired, and its unused GB count on generation `into` from now on.
 * One statement, so the GB are never on both keys or on neither; a replay changes nothing.
 */
export function retireStatement(
  db: Db,
  keyId: string,
  carry: { finalUsedGb: number; into: number; carriedOutGb: number },
  now: number,
) {
  return db
    .update(poolKeys)
    .set({
      state: 'retired',
      finalUsedGb: carry.finalUsedGb,
      carriedInto: carry.into,
      carriedOutGb: carry.carriedOutGb,
      enabled: false,
      updatedAt: now,
    })
    .where(and(eq(poolKeys.id, keyId), eq(poolKeys.state, 'retiring')));
}

/** The generation stops being current and starts retiring: it keeps working until `graceUntil`. */
export function startRetiringStatement(
  db: Db,
  customerId: string,
  generation: number,
  graceUntil: number,
  now: number,
) {
  return db
    .update(poolKeys)
    .set({ state: 'retiring', graceUntil, updatedAt: now })
    .where(
      and(eq(poolKeys.customerId, customerId), eq(poolKeys.generation, generation), eq(poolKeys.state, 'current')),
    );
}

/**
 * Ends the grace of the customer's retiring generations that still have one, now: from here they are retired exactly
 * like a grace that ran out. Returns the generations it ended (none on a replay).
 */
export function endGraceStatement(db: Db, customerId: string, now: number) {
  return db
    .update(poolKeys)
    .set({ graceUntil: now, updatedAt: now })
    .where(and(eq(poolKeys.customerId, customerId), eq(poolKeys.state, 'retiring'), gt(poolKeys.graceUntil, now)))
    .returning({ generation: poolKeys.generation, secretMask: poolKeys.secretMask });
}

export async function saveKey(db: Db, keyId: string, change: KeyChange, now: number): Promise<void> {
  await saveKeyStatement(db, keyId, change, now);
}

export function saveKeyStatement(db: Db, keyId: string, change: KeyChange, now: number) {
  return db
    .update(poolKeys)
    .set({ ...change, updatedAt: now })
    .where(eq(poolKeys.id, keyId));
}

/** A usage reading (MB) of the key's upstream counter; never moves backwards for the same upstream key. */
export function recordUsageStatement(db: Db, keyId: string, upstreamId: string, usedMb: number, at: number) {
  return db
    .update(poolKeys)
    .set({ usedMb: sql`max(${poolKeys.usedMb}, ${usedMb})`, usedAt: at })
    .where(and(eq(poolKeys.id, keyId), eq(poolKeys.upstreamId, upstreamId)));
}

export async function recordUsage(db: Db, keyId: string, upstreamId: string, usedMb: number, at: number) {
  await recordUsageStatement(db, keyId, upstreamId, usedMb, at);
}

/**
 * The key vanished upstream: its whole GB used so far become `spent_gb` and the next mint starts from there.
 * Only once per vanished upstream key (the row still names it).
 */
export async function forgetVanishedKey(db: Db, keyId: string, upstreamId: string, now: number): Promise<void> {
  await db
    .update(poolKeys)
    .set({
      spentGb: sql`${poolKeys.spentGb} + cast(${poolKeys.usedMb} / 1024 as integer)`,
      usedMb: 0,
      usedAt: null,
      upstreamId: null,
      enabled: null,
      updatedAt: now,
    })
    .where(and(eq(poolKeys.id, keyId), eq(poolKeys.upstreamId, upstreamId)));
}

/** Claims the "your key changed" mail of a generation; false when it was claimed before. */
export async function claimAnnouncement(db: Db, keyId: string, now: number): Promise<boolean> {
  const claimed = await db
    .update(poolKeys)
    .set({ announcedAt: now })
    .where(and(eq(poolKeys.id, keyId), isNull(poolKeys.announcedAt)))
    .returning({ id: poolKeys.id });
  return claimed.length > 0;
}

export async function unclaimAnnouncement(db: Db, keyId: string): Promise<void> {
  await db.update(poolKeys).set({ announcedAt: null }).where(eq(poolKeys.id, keyId));
}

/**
 * Customers with a retirement step due: a retiring key past its grace (not yet switched off, or switched off long
 * enough ago for its usage to have settled), or a retired key still to be deleted upstream.
 */
export async function customersWithRetirementDue(db: Db, now: number, settleMs: number, limit = 25) {
  const rows = await db
    .selectDistinct({ customerId: poolKeys.customerId })
    .from(poolKeys)
    .where(
      or(
        and(
          eq(poolKeys.state, 'retiring'),
          lte(poolKeys.graceUntil, now),
          or(isNull(poolKeys.switchedOffAt), lte(poolKeys.switchedOffAt, now - settleMs)),
        ),
        and(eq(poolKeys.state, 'retired'), isNotNull(poolKeys.upstreamId), isNull(poolKeys.deletedAt)),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.customerId);
}
