// The pool_keys rows: one per key generation of a customer. The only module with SQL on the table.
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type PoolKeyRow, poolKeys } from '../../schema.ts';
import { readByIds } from '../db/chunks.ts';
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

/** The current key of each of these customers (any number: read in slices under D1's bound-parameter limit). */
export async function currentKeysOf(db: Db, customerIds: string[]): Promise<Map<string, PoolKeyRow>> {
  return byCustomer(await readByIds(customerIds, (ids) => currentKeysQuery(db, ids)));
}

/** The current keys of the customers `customerIds` names (a subquery, or a slice of readByIds), as a statement. */
export function currentKeysQuery(db: Db, customerIds: string[] | SQLWrapper) {
  return db
    .select()
    .from(poolKeys)
    .where(and(inArray(poolKeys.customerId, customerIds), eq(poolKeys.state, 'current')));
}

export const byCustomer = <T extends { customerId: string }>(rows: T[]) => new Map(rows.map((r) => [r.customerId, r]));

/** Keys that work or may work upstream: current and retiring, minted. */
const working = and(inArray(poolKeys.state, ['current', 'retiring']), isNotNull(poolKeys.upstreamId));

/** The usage of every working key as the sweep last recorded it, MB in all. */
export async function usedMbOfWorkingKeys(db: Db): Promise<number> {
  const [row] = await db
    .select({ mb: sql<number>`coalesce(sum(${poolKeys.usedMb}), 0)` })
    .from(poolKeys)
    .where(working);
  return Number(row?.mb ?? 0);
}

/** What makes a current key worth an operator's look, as the console's front page defines it. */
export interface AttentionRule {
  /** Used ÷ cap at or above this is "near its cap". */
  nearCapRatio: number;
  /** Expiring within this is "expiring". */
  expiringWithinMs: number;
  /** Expired this recently is still shown. */
  expiredShownMs: number;
}

/**
 * Current keys that need a look at `now` (at or near their cap, expired lately, expiring soon), most urgent first, at
 * most `limit`, of the customers `customerIs` accepts (a condition on the key's customer id column).
 */
export function keysNeedingAttention(
  db: Db,
  rule: AttentionRule,
  now: number,
  customerIs: (customerId: typeof poolKeys.customerId) => SQL,
  limit: number,
): Promise<PoolKeyRow[]> {
  const capMb = sql`${poolKeys.capGb} * 1024`;
  const atCap = sql`${poolKeys.capGb} > 0 and ${poolKeys.usedMb} >= ${capMb}`;
  const nearCap = sql`${poolKeys.capGb} > 0 and ${poolKeys.usedMb} >= ${capMb} * ${rule.nearCapRatio}`;
  const urgency = sql`case when ${atCap} then 0 when ${nearCap} then 2 when ${poolKeys.expiresAt} <= ${now} then 1 else 3 end`;
  return db
    .select()
    .from(poolKeys)
    .where(
      and(
        eq(poolKeys.state, 'current'),
        isNotNull(poolKeys.upstreamId),
        or(
          sql`${nearCap}`,
          and(gt(poolKeys.expiresAt, now - rule.expiredShownMs), lte(poolKeys.expiresAt, now + rule.expiringWithinMs)),
        ),
        customerIs(poolKeys.customerId),
      ),
    )
    .orderBy(urgency, asc(poolKeys.expiresAt))
    .limit(limit);
}

/** A key as the usage sweep compares it with the platform's reading. */
export type SweptKey = Pick<PoolKeyRow, 'id' | 'customerId' | 'upstreamId' | 'usedMb' | 'enabled'>;

/**
 * The working keys whose upstream id is in (`after`, `upTo`] (open-ended where null), in upstream id order, at most
 * `limit`: one page of the usage sweep.
 */
export function workingKeysInRange(
  db: Db,
  range: { after: string | null; upTo: string | null },
  limit: number,
): Promise<SweptKey[]> {
  return db
    .select({
      id: poolKeys.id,
      customerId: poolKeys.customerId,
      upstreamId: poolKeys.upstreamId,
      usedMb: poolKeys.usedMb,
      enabled: poolKeys.enabled,
    })
    .from(poolKeys)
    .where(
      and(
        // The range walks pool_keys_upstream in order; `+state` keeps SQLite from taking the state index instead
        // (which would read every working key and sort them for each page).
        sql`+${poolKeys.state} in ('current', 'retiring')`,
        isNotNull(poolKeys.upstreamId),
        range.after === null ? undefined : gt(poolKeys.upstreamId, range.after),
        range.upTo === null ? undefined : lte(poolKeys.upstreamId, range.upTo),
      ),
    )
    .orderBy(asc(poolKeys.upstreamId))
    .limit(limit);
}

/**
 * Current keys that may owe their customer a reminder, after key id `after` in id order, at most `limit`: minted,
 * not switched off by a person, with a cap, and matching `owes` (the reminders' own condition, given the columns).
 */
export function currentKeysOwing(
  db: Db,
  owes: (key: typeof poolKeys) => SQL,
  page: { after: string | null; limit: number },
): Promise<PoolKeyRow[]> {
  return db
    .select()
    .from(poolKeys)
    .where(
      and(
        eq(poolKeys.state, 'current'),
        isNotNull(poolKeys.upstreamId),
        isNull(poolKeys.upstreamDisabledAt),
        gt(poolKeys.capGb, 0),
        page.after === null ? undefined : gt(poolKeys.id, page.after),
        owes(poolKeys),
      ),
    )
    .orderBy(asc(poolKeys.id))
    .limit(page.limit);
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

/** A reading of a key's upstream counter, as the usage sweep records it: `[key id, upstream id, used MB]`. */
export type UsageReading = [keyId: string, upstreamId: string, usedMb: number];

/**
 * recordUsageStatement for many keys in ONE statement: the readings travel as one JSON parameter (a bound list of
 * hundreds of keys would pass D1's 100 parameters), each applied only to the key it was read for.
 */
export function recordUsagesStatement(db: Db, readings: UsageReading[], at: number) {
  const reading = sql`json_each(${JSON.stringify(readings)}) as reading`;
  return db
    .update(poolKeys)
    .set({ usedMb: sql`max(${poolKeys.usedMb}, json_extract(reading.value, '$[2]'))`, usedAt: at })
    .from(reading)
    .where(
      and(
        sql`${poolKeys.id} = json_extract(reading.value, '$[0]')`,
        sql`${poolKeys.upstreamId} = json_extract(reading.value, '$[1]')`,
      ),
    );
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
 * enough ago for its usage to have settled), or a retired key still to be deleted upstream. A page of them in id
 * order, after `page.after`.
 */
export async function customersWithRetirementDue(
  db: Db,
  now: number,
  settleMs: number,
  page: { after: string | null; limit: number },
) {
  const rows = await db
    .selectDistinct({ customerId: poolKeys.customerId })
    .from(poolKeys)
    .where(
      and(
        page.after === null ? undefined : gt(poolKeys.customerId, page.after),
        or(
          and(
            eq(poolKeys.state, 'retiring'),
            lte(poolKeys.graceUntil, now),
            or(isNull(poolKeys.switchedOffAt), lte(poolKeys.switchedOffAt, now - settleMs)),
          ),
          and(eq(poolKeys.state, 'retired'), isNotNull(poolKeys.upstreamId), isNull(poolKeys.deletedAt)),
        ),
      ),
    )
    .orderBy(asc(poolKeys.customerId))
    .limit(page.limit);
  return rows.map((r) => r.customerId);
}
