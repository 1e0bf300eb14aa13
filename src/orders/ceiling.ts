// The cap ceiling against money: a purchase is refused only when the GB the customer still has, plus what open
// checkouts reserve, plus the new GB would pass the ceiling — never because of history. The check and the
// reservation are one conditional INSERT: D1 runs writes one at a time, so concurrent checkouts cannot all pass.
import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { orders, poolKeys } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import { read } from '../db/reads.ts';
import { HOUR_MS } from '../time.ts';
import { ENTITLED_STATUSES, openGbOf } from './entitlement.ts';
import type { OrderSnapshot } from './snapshot.ts';

/** Checkout Sessions live this long (Stripe's minimum is 30 min); pending orders younger than this still count. */
export const CHECKOUT_TTL_MS = HOUR_MS;

const entitled = sql.raw(ENTITLED_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * GB the customer still has or is paying for, in SQL: what is left on each working key (its orders' open GB plus
 * what was carried into it, minus whole GB used as last read), paid orders not yet on a key, and checkouts that
 * are still open or whose delayed payment is settling. The same sums as ledger.ts.
 */
function stillHasGbSql(customerId: string, now: number) {
  const k = alias(poolKeys, 'k');
  const r = alias(poolKeys, 'r');
  const o = alias(orders, 'o');
  const onKey = sql`coalesce((select sum(${openGbOf(o)}) from ${orders} as ${o} where ${o.customerId} = ${k.customerId} and ${o.keyGeneration} = ${k.generation} and ${o.status} in (${entitled})), 0)`;
  const carriedIn = sql`coalesce((select sum(${r.carriedOutGb}) from ${poolKeys} as ${r} where ${r.customerId} = ${k.customerId} and ${r.carriedInto} = ${k.generation} and ${r.state} = 'retired'), 0)`;
  const onKeys = sql`coalesce((select sum(max(0, ${onKey} + ${carriedIn} - ${k.spentGb} - cast(${k.usedMb} / 1024 as integer))) from ${poolKeys} as ${k} where ${k.customerId} = ${customerId} and ${k.state} != 'retired'), 0)`;
  const unplaced = sql`coalesce((select sum(${openGbOf(o)}) from ${orders} as ${o} where ${o.customerId} = ${customerId} and ${o.keyGeneration} is null and ${o.status} in (${entitled})), 0)`;
  const reserved = sql`coalesce((select sum(${o.gb}) from ${orders} as ${o} where ${o.customerId} = ${customerId} and ${o.status} = 'pending' and (${o.paymentSettling} = 1 or ${o.createdAt} > ${now - CHECKOUT_TTL_MS})), 0)`;
  return sql<number>`(${onKeys} + ${unplaced} + ${reserved})`;
}

/** GB the customer still has or is paying for right now (see stillHasGbSql). */
export async function stillHasGb(db: Db, customerId: string, now: number): Promise<number> {
  return stillHasGbOf(await stillHasGbQuery(db, customerId, now));
}

function stillHasGbQuery(db: Db, customerId: string, now: number) {
  return db.select({ gb: stillHasGbSql(customerId, now) }).from(sql`(select 1)`);
}

const stillHasGbOf = (rows: { gb: number }[]) => Number(rows[0]?.gb ?? 0);

/**
 * Records the checkout's pending order only if its GB fit under the ceiling beside everything the customer still
 * has or reserves: the one atomic check before any money is taken. It answers the order's id when it was recorded.
 */
function reserveOrderStatement(db: Db, s: OrderSnapshot, ceilingGb: number, now: number) {
  const fits = sql`${stillHasGbSql(s.customerId, now)} + ${s.gb} <= ${ceilingGb}`;
  return db
    .insert(orders)
    .select(
      db
        .select({
          id: sql`${s.orderId}`.as('id'),
          customerId: sql`${s.customerId}`.as('customer_id'),
          kind: sql`'purchase'`.as('kind'),
          status: sql`'pending'`.as('status'),
          stripeSessionId: sql`null`.as('stripe_session_id'),
          stripePaymentIntentId: sql`null`.as('stripe_payment_intent_id'),
          tierId: sql`${s.tierId}`.as('tier_id'),
          tierName: sql`${s.tierName}`.as('tier_name'),
          gb: sql`${s.gb}`.as('gb'),
          price: sql`${s.price}`.as('price'),
          discount: sql`0`.as('discount'),
          tax: sql`0`.as('tax'),
          currency: sql`${s.currency}`.as('currency'),
          validityDays: sql`${s.validityDays}`.as('validity_days'),
          refundedGb: sql`0`.as('refunded_gb'),
          refundedAmount: sql`0`.as('refunded_amount'),
          paymentSettling: sql`0`.as('payment_settling'),
          keyGeneration: sql`null`.as('key_generation'),
          heldGb: sql`0`.as('held_gb'),
          createdAt: sql`${now}`.as('created_at'),
          paidAt: sql`null`.as('paid_at'),
          receiptSentAt: sql`null`.as('receipt_sent_at'),
        })
        .from(sql`(select 1)`)
        .where(fits),
    )
    .returning({ id: orders.id });
}

const reserved = (inserted: { id: string }[]) => inserted.length > 0;

/** Reserves the order's GB under the ceiling; false when they do not fit. */
export async function reserveOrder(db: Db, s: OrderSnapshot, ceilingGb: number, now: number): Promise<boolean> {
  return reserved(await reserveOrderStatement(db, s, ceilingGb, now));
}

/**
 * The reservation as reads that ride in the caller's batch, after the writes that record a fresh usage reading:
 * whether it was made, and what the customer holds besides (for the refusal's message).
 */
export const reservationReads = (db: Db, s: OrderSnapshot, ceilingGb: number, now: number) => ({
  made: read(reserveOrderStatement(db, s, ceilingGb, now), reserved),
  held: read(stillHasGbQuery(db, s.customerId, now), stillHasGbOf),
});

/** Gives a reservation back when no Checkout Session could be made for it (nothing can be paid). */
export async function releaseReservation(db: Db, orderId: string): Promise<void> {
  await db.delete(orders).where(and(eq(orders.id, orderId), eq(orders.status, 'pending')));
}
