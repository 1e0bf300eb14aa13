// Writing orders, the table's one owner: a pending order recorded from its snapshot, an operator's grant, and the
// moves Stripe's events make (paid, settling, failed or expired, refunded), each a statement that rides in the
// event's batch. Statuses only move forward and totals only grow, so a replayed or reordered event changes nothing.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Order, orders } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import { gbForAmount } from '../shared/billing.ts';
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
 * the tier's price stands). Statuses only move forward, so a replayed or out-of-order event changes nothing.
 */
export function markPaidStatement(db: Db, orderId: string, paidAt: number, charged: Charged | null) {
  const price = charged ? sql`${charged.price}` : orders.price;
  const tax = charged ? sql`${charged.tax}` : orders.tax;
  return db
    .update(orders)
    .set({
      status: sql`case when ${orders.refundedAmount} >= ${price} + ${tax} then 'refunded' else 'paid' end`,
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

/**
 * Records a refund from the charge's cumulative refunded amount (of `amountCharged`), so replays and reordering
 * converge: both totals only grow. The GB taken back are the refunded share of the order's GB (gbForAmount).
 */
export function recordRefundStatement(
  db: Db,
  order: Pick<Order, 'id' | 'gb'>,
  amountRefunded: number,
  amountCharged: number,
) {
  const charged = Math.max(1, amountCharged);
  const refunded = Math.min(Math.max(0, amountRefunded), charged);
  return db
    .update(orders)
    .set({
      refundedAmount: sql`max(${orders.refundedAmount}, ${refunded})`,
      refundedGb: sql`max(${orders.refundedGb}, ${gbForAmount(order.gb, refunded, charged)})`,
      ...(refunded >= charged
        ? { status: sql`case when ${orders.status} = 'paid' then 'refunded' else ${orders.status} end` }
        : {}),
    })
    .where(eq(orders.id, order.id));
}

/** Puts a paid order's GB on a key generation (once: an order never moves). */
export function placeOrderStatement(db: Db, orderId: string, generation: number) {
  return db
    .update(orders)
    .set({ keyGeneration: generation })
    .where(and(eq(orders.id, orderId), isNull(orders.keyGeneration)));
}
