// Disputes (chargebacks and inquiries) of the shop's orders: the disputes table's one owner. A dispute holds its
// share of the order's GB out of the cap while open; a won one gives it back, a lost one keeps it out — until an
// appeal reopens it, or the money comes back (`funds_reinstated`: a lost dispute the cardholder withdrew). Every
// report of a dispute updates its one row, and the order's held GB are recomputed from the rows, so duplicated or
// reordered reports converge instead of counting twice.
import { count, desc, eq, isNull, sql } from 'drizzle-orm';
import { customers, type Dispute, disputes, type Order, orders } from '../../schema.ts';
import type { BatchStatement, Db } from '../db/index.ts';
import { gbForAmount } from '../shared/billing.ts';

export type { Dispute };

/** A dispute as the payment provider last reported it. */
export interface DisputeReport {
  id: string;
  chargeId: string;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  /** This report is `charge.dispute.funds_reinstated`: the disputed money is the shop's again. */
  fundsReinstated: boolean;
  /** When the dispute was opened (unix ms). */
  createdAt: number;
}

/** Decided statuses; a lost one can still be appealed (`appeal_needs_response`, `appeal_under_review`). */
const CLOSED = new Set(['won', 'lost', 'warning_closed', 'prevented']);
/**
 * Closed without the customer keeping the money: won, an inquiry closed without a chargeback, or prevented (Stripe
 * resolved it with a refund, and the refund's own event takes the GB back).
 */
const RELEASED = new Set(['won', 'warning_closed', 'prevented']);

const isClosed = (status: string) => CLOSED.has(status);

/**
 * The GB of the order a dispute in this state holds out of the cap: the disputed share (rounded up, gbForAmount)
 * unless it was released; all of it when the dispute is in another currency than the order and cannot be compared.
 */
function disputeHoldGb(
  order: Pick<Order, 'gb' | 'price' | 'tax' | 'currency'>,
  dispute: Pick<DisputeReport, 'amount' | 'currency' | 'status' | 'fundsReinstated'>,
): number {
  if (RELEASED.has(dispute.status) || dispute.fundsReinstated) return 0;
  if (dispute.currency !== order.currency) return order.gb;
  return gbForAmount(order.gb, dispute.amount, order.price + order.tax);
}

/**
 * Records a dispute's state as reported at `eventAt`, and recomputes the order's held GB from its disputes. An older
 * report never overwrites a newer one (a decision wins over an open state reported the same second), and money that
 * came back stays back whatever arrives after.
 */
export function recordDisputeStatements(
  db: Db,
  order: Pick<Order, 'id' | 'customerId' | 'gb' | 'price' | 'tax' | 'currency'>,
  dispute: DisputeReport,
  eventAt: number,
): BatchStatement[] {
  const upsert = db
    .insert(disputes)
    .values({
      id: dispute.id,
      orderId: order.id,
      customerId: order.customerId,
      chargeId: dispute.chargeId,
      amount: dispute.amount,
      currency: dispute.currency,
      reason: dispute.reason,
      status: dispute.status,
      heldGb: disputeHoldGb(order, dispute),
      fundsReinstated: dispute.fundsReinstated,
      createdAt: dispute.createdAt,
      eventAt,
      closedAt: isClosed(dispute.status) ? eventAt : null,
    })
    .onConflictDoUpdate({
      target: disputes.id,
      set: {
        amount: sql`excluded.amount`,
        currency: sql`excluded.currency`,
        reason: sql`excluded.reason`,
        status: sql`excluded.status`,
        heldGb: sql`case when ${disputes.fundsReinstated} then 0 else excluded.held_gb end`,
        eventAt: sql`excluded.event_at`,
        closedAt: sql`excluded.closed_at`,
      },
      setWhere: sql`excluded.event_at > ${disputes.eventAt} or (excluded.event_at = ${disputes.eventAt} and (excluded.closed_at is not null or ${disputes.closedAt} is null))`,
    });
  // Money that came back stays back, whatever order the reports arrive in.
  const reinstated = db.update(disputes).set({ fundsReinstated: true, heldGb: 0 }).where(eq(disputes.id, dispute.id));
  const hold = db
    .update(orders)
    .set({
      heldGb: sql`min(${orders.gb}, (select coalesce(sum(d.held_gb), 0) from ${disputes} d where d.order_id = ${orders.id}))`,
    })
    .where(eq(orders.id, order.id));
  return [upsert, ...(dispute.fundsReinstated ? [reinstated] : []), hold];
}

/** A customer's disputes, newest first. */
export function listDisputes(db: Db, customerId: string, limit = 100): Promise<Dispute[]> {
  return db
    .select()
    .from(disputes)
    .where(eq(disputes.customerId, customerId))
    .orderBy(desc(disputes.createdAt))
    .limit(limit);
}

/** Every dispute still open, newest first, with the customer's email, and how many there are. */
export async function openDisputes(
  db: Db,
  limit = 50,
): Promise<{ total: number; disputes: (Dispute & { email: string })[] }> {
  const open = isNull(disputes.closedAt);
  const [rows, [total]] = await Promise.all([
    db
      .select({ dispute: disputes, email: customers.email })
      .from(disputes)
      .innerJoin(customers, eq(customers.id, disputes.customerId))
      .where(open)
      .orderBy(desc(disputes.createdAt))
      .limit(limit),
    db.select({ n: count() }).from(disputes).where(open),
  ]);
  return { total: total?.n ?? 0, disputes: rows.map((r) => ({ ...r.dispute, email: r.email })) };
}
