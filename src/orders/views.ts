// Orders as people see them: the customer's purchase history and the one revenue figure of the console.
import { type AnyColumn, sql } from 'drizzle-orm';
import type { Order } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import { type ReadResults, rows } from '../db/reads.ts';
import type { Services } from '../services/index.ts';
import type { Purchase, PurchaseKind } from '../shared/billing.ts';
import { CHECKOUT_TTL_MS } from './ceiling.ts';
import { listOrders } from './queries.ts';

/**
 * How the order came about. Auto top-up is the shop's one off-session payment: its orders are paid by a PaymentIntent
 * of their own, never by a Checkout Session (a Checkout's order is linked to its session when it is made, and is paid
 * by that session's events).
 */
export function purchaseKindOf(o: Pick<Order, 'kind' | 'stripeSessionId' | 'stripePaymentIntentId'>): PurchaseKind {
  if (o.kind === 'grant') return 'grant';
  return o.stripeSessionId === null && o.stripePaymentIntentId !== null ? 'auto_top_up' : 'checkout';
}

/** An order as the customer sees it. */
export function purchaseView(o: Order): Purchase {
  return {
    id: o.id,
    kind: purchaseKindOf(o),
    tierId: o.tierId,
    tierName: o.tierName,
    gb: o.gb,
    price: o.price,
    discount: o.discount,
    tax: o.tax,
    currency: o.currency,
    validityDays: o.validityDays,
    status: o.status,
    refundedGb: o.refundedGb,
    refundedAmount: o.refundedAmount,
    heldGb: o.heldGb,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
  };
}

/** What the purchase history reads beside the session check, in its round trip. */
export const purchaseReads = (db: Db, customerId: string) => ({ orders: rows(listOrders(db, customerId)) });

/** The customer's purchase history, newest first; abandoned checkouts are left out. */
export function purchaseHistory(
  { clock }: Pick<Services, 'clock'>,
  { orders }: ReadResults<ReturnType<typeof purchaseReads>>,
): Purchase[] {
  const now = clock.now();
  return orders
    .filter(
      (o) =>
        o.status !== 'expired' &&
        !(o.status === 'pending' && !o.paymentSettling && o.createdAt < now - CHECKOUT_TTL_MS),
    )
    .map(purchaseView);
}

/** What the shop kept of an order's payment, net of tax: the price less the price's share of refunds. The ONE
 * revenue figure (the console's overview, customer list and CSV). */
export function netRevenueOf(table: { price: AnyColumn; tax: AnyColumn; refundedAmount: AnyColumn }) {
  return sql<number>`(${table.price} - (${table.refundedAmount} * ${table.price}) / max(1, ${table.price} + ${table.tax}))`;
}
