// Writing orders, the table's one owner: a pending order recorded from its snapshot, an operator's grant, and the
// moves Stripe's events make (paid, settling, failed or expired, refunded), each a statement that rides in the
// event's batch. Statuses only move forward and totals only grow, so a replayed or reordered event changes nothing.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { orders } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import { refundedGbSql } from './refunds.ts';
import { newOrderId, type OrderSnapshot } from './snapshot.ts';

/** Insert the order from its snapshot, or do nothing if it is already recorded (by id or session id). */
export function insertOrderStatement(db: Db, s: OrderSnapshot, stripeSessionId: string | null, now: number) {
  return db
    .insert(orders)
    .values({
      id: s.orderId,
      customerId: s.customerId,
      kind: 'purchase',
      status: 'pending',
      stripeSessionId,
      tierId: s.tierId,
      tierName: s.tierName,
      gb: s.gb,
      price: s.price,
      currency: s.currency,
      validityDays: s.validityDays,
      createdAt: now,
    })
    .onConflictDoNothing();
}

/** Kind of order of an operator's free GB; its snapshot names no tier. */
export const GRANT_TIER_ID = 'grant';

/**
 * Free GB from an operator, recorded as a paid zero-price order so the reconcile (and nothing else) turns it into
 * cap and validity. `validityDays` extends the validity like a purchase would (0: rides on the current expiry).
 * No receipt is sent for it (it is marked as sent).
 */
export function insertGrantStatement(
  db: Db,
  grant: { customerId: string; gb: number; validityDays: number; currency: string },
  now: number,
  orderId = newOrderId(),
) {
  return db.insert(orders).values({
    id: orderId,
    customerId: grant.customerId,
    kind: 'grant',
    status: 'paid',
    tierId: GRANT_TIER_ID,
    tierName: 'Free traffic',
    gb: grant.gb,
    price: 0,
    currency: grant.currency,
    validityDays: grant.validityDays,
    createdAt: now,
    paidAt: now,
    receiptSentAt: now,
  });
}

/** Links the Stripe ids to the order (first values win). */
export function linkStripeIdsStatement(
  db: Db,
  orderId: string,
  sessionId: string | null,
  paymentIntentId: string | null,
) {
  return db
    .update(orders)
    .set({
      stripeSessionId: sql`coalesce(${orders.stripeSessionId}, ${sessionId})`,
      stripePaymentIntentId: sql`coalesce(${orders.stripePaymentIntentId}, ${paymentIntentId})`,
    })
    .where(eq(orders.id, orderId));
}

/** What Stripe actually charged for an order: the price after promotion codes (before tax), and the tax on top. */
export interface Charged {
  price: number;
  discount: number;
  tax: number;
}

/**
 * pending → paid (or straight to refunded if a full refund was recorded first), with what Stripe charged (`null`:
 * the tier's price stands). A free order (a 100 %-off code) is paid, never "refunded" for having cost nothing.
 * Statuses only move forward, so a replayed or out-of-order event changes nothing.
 */
export function markPaidStatement(db: Db, orderId: string, paidAt: number, charged: Charged | null) {
  const total = charged ? sql`${charged.price + charged.tax}` : sql`(${orders.price} + ${orders.tax})`;
  return db
    .update(orders)
    .set({
      status: sql`case when ${orders.refundedAmount} > 0 and ${orders.refundedAmount} >= ${total} then 'refunded' else 'paid' end`,
      refundedGb: refundedGbSql(orders.refundedAmount, total),
      paidAt,
      ...(charged ? { price: charged.price, discount: charged.discount, tax: charged.tax } : {}),
    })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'pending')));
}

/** A completed checkout whose delayed payment Stripe is still settling: its GB stay reserved until it settles. */
export function markSettlingStatement(db: Db, orderId: string) {
  return db
    .update(orders)
    .set({ paymentSettling: true })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'pending')));
}

/** pending → failed (async payment failed) or expired (checkout abandoned). */
export function markUnpaidStatement(db: Db, orderId: string, status: 'failed' | 'expired') {
  return db
    .update(orders)
    .set({ status })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'pending')));
}

/** Puts a paid order's GB on a key generation (once: an order never moves). */
export function placeOrderStatement(db: Db, orderId: string, generation: number) {
  return db
    .update(orders)
    .set({ keyGeneration: generation })
    .where(and(eq(orders.id, orderId), isNull(orders.keyGeneration)));
}
