// Refunds of the shop's orders: the refunds table's one owner. Every report of a refund (Stripe's refund.created,
// refund.updated, refund.failed, or the console's own request) updates its one row, and the order's refunded amount
// and GB are recomputed from the rows that did not fail: replays and reordering converge, and a refund that fails
// later gives its GB back.
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Order, orders, type RefundRow, refunds } from '../../schema.ts';
import type { BatchStatement, Db } from '../db/index.ts';

export type { RefundRow };

/** The console's confirmation that asked for a refund, in the refund's metadata. */
export const REFUND_REQUEST_METADATA_KEY = 'shop_refund_request';

/** A refund as Stripe last reported it. */
export interface RefundReport {
  id: string;
  amount: number;
  /** pending, requires_action, succeeded, failed or canceled. */
  status: string;
  failureReason: string | null;
  /** The console confirmation that asked for it (`shop_refund_request` in its metadata). */
  requestKey: string | null;
  /** When Stripe made it (unix ms). */
  createdAt: number;
}

/** Statuses a refund never leaves, and which count for nothing. */
const UNDONE = ['failed', 'canceled'];
const undone = sql.raw(UNDONE.map((s) => `'${s}'`).join(', '));

/** What an order's refunds that did not fail add up to. */
const refundedSql = sql<number>`(select coalesce(sum(r.amount), 0) from ${refunds} r where r.order_id = ${orders.id} and r.status not in (${undone}))`;

/**
 * The whole GB `amount` of what was charged stands for, rounded up and at most the order's GB: gbForAmount
 * (src/shared/billing.ts) in SQL, so a refund never leaves more traffic than was paid for.
 */
export function refundedGbSql(amount: unknown, charged: unknown) {
  // cast: D1 may bind a number as REAL, and the division must be integer (rounded up by the + charged − 1).
  return sql<number>`(case when ${charged} <= 0 then (case when ${amount} > 0 then ${orders.gb} else 0 end) else min(${orders.gb}, cast((${orders.gb} * min(max(0, ${amount}), ${charged}) + ${charged} - 1) / ${charged} as integer)) end)`;
}

/** Paid, or refunded once the refunds cover everything charged (back to paid when one of them failed). */
export function refundStatusSql(amount: unknown, charged: unknown) {
  return sql`case when ${orders.status} not in ('paid', 'refunded') then ${orders.status} when ${amount} > 0 and ${amount} >= ${charged} then 'refunded' else 'paid' end`;
}

/** The order's refunded amount, GB and status, from its refunds' rows. */
function recomputeStatement(db: Db, orderId: string) {
  const charged = sql`(${orders.price} + ${orders.tax})`;
  return db
    .update(orders)
    .set({
      refundedAmount: refundedSql,
      refundedGb: refundedGbSql(refundedSql, charged),
      status: refundStatusSql(refundedSql, charged),
    })
    .where(eq(orders.id, orderId));
}

function rowOf(order: Pick<Order, 'id' | 'customerId'>, refund: RefundReport, eventAt: number) {
  return {
    id: refund.id,
    orderId: order.id,
    customerId: order.customerId,
    amount: refund.amount,
    status: refund.status,
    failureReason: refund.failureReason,
    requestKey: refund.requestKey,
    createdAt: refund.createdAt,
    eventAt,
  };
}

/**
 * Records a refund's state as reported at `eventAt`, and recomputes the order from its refunds. A failed or canceled
 * refund is final; otherwise an older report never overwrites a newer one.
 */
export function recordRefundStatements(
  db: Db,
  order: Pick<Order, 'id' | 'customerId'>,
  refund: RefundReport,
  eventAt: number,
): BatchStatement[] {
  const upsert = db
    .insert(refunds)
    .values(rowOf(order, refund, eventAt))
    .onConflictDoUpdate({
      target: refunds.id,
      set: {
        amount: sql`excluded.amount`,
        status: sql`excluded.status`,
        failureReason: sql`excluded.failure_reason`,
        requestKey: sql`coalesce(${refunds.requestKey}, excluded.request_key)`,
        eventAt: sql`excluded.event_at`,
      },
      setWhere: sql`${refunds.status} not in (${undone}) and (excluded.event_at >= ${refunds.eventAt} or excluded.status in (${undone}))`,
    });
  return [upsert, recomputeStatement(db, order.id)];
}

/**
 * The console's refund as Stripe answered it, kept with the confirmation that asked for it so that confirmation never
 * refunds again, even after Stripe forgot its idempotency key. The order itself moves when Stripe's event arrives.
 */
export function rememberRefundRequestStatement(db: Db, order: Pick<Order, 'id' | 'customerId'>, refund: RefundReport) {
  return db
    .insert(refunds)
    .values(rowOf(order, refund, refund.createdAt))
    .onConflictDoUpdate({
      target: refunds.id,
      set: { requestKey: sql`coalesce(${refunds.requestKey}, excluded.request_key)` },
    });
}

/** The refund a console confirmation already made, if any. */
export async function refundOfRequest(db: Db, orderId: string, requestKey: string): Promise<RefundRow | undefined> {
  const [row] = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.requestKey, requestKey)))
    .limit(1);
  return row;
}

/** A customer's refunds, newest first. */
export function listRefunds(db: Db, customerId: string, limit = 100): Promise<RefundRow[]> {
  return db
    .select()
    .from(refunds)
    .where(eq(refunds.customerId, customerId))
    .orderBy(desc(refunds.createdAt))
    .limit(limit);
}
