// Reading orders: one by id, Checkout Session or PaymentIntent (every lookup in one round trip), a customer's list,
// the orders that count towards their keys, and the order a Stripe object refers to.
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type Order, orders } from '../../schema.ts';
import { customerExists } from '../customers/index.ts';
import type { BatchStatement, Db } from '../db/index.ts';
import { firstRow, type Reads, readTogether } from '../db/reads.ts';
import { ENTITLED_STATUSES } from './entitlement.ts';
import type { OrderSnapshot } from './snapshot.ts';
import { insertOrderStatement } from './store.ts';

/** The order behind a Checkout Session, as a statement that can ride in a batch with others. */
export function orderOfSessionQuery(db: Db, sessionId: string) {
  return db.select().from(orders).where(eq(orders.stripeSessionId, sessionId)).limit(1);
}

/** The order by its id, as a statement that can ride in a batch with others. */
export function orderQuery(db: Db, orderId: string) {
  return db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
}

/** The order by its id, else by its Checkout Session, else by its PaymentIntent: every lookup in one round trip. */
export async function findOrder(
  db: Db,
  by: { id?: string; sessionId?: string; paymentIntentId?: string },
): Promise<Order | undefined> {
  const lookups: Reads = {};
  if (by.id) lookups.id = firstRow(orderQuery(db, by.id));
  if (by.sessionId) lookups.session = firstRow(orderOfSessionQuery(db, by.sessionId));
  if (by.paymentIntentId)
    lookups.intent = firstRow(
      db.select().from(orders).where(eq(orders.stripePaymentIntentId, by.paymentIntentId)).limit(1),
    );
  const [found] = await readTogether(db, lookups);
  return Object.values(found).find(Boolean) as Order | undefined;
}

/** An order a Stripe object refers to: what its events need of it, and the statements that record it if missing. */
export interface LocatedOrder {
  orderId: string;
  customerId: string;
  gb: number;
  price: number;
  tax: number;
  currency: string;
  create: BatchStatement[];
}

const located = (o: Order) => ({
  orderId: o.id,
  customerId: o.customerId,
  gb: o.gb,
  price: o.price,
  tax: o.tax,
  currency: o.currency,
});

/** The order a Stripe object refers to, recording it from the snapshot in its metadata if it is missing. */
export async function locateOrder(
  db: Db,
  snapshot: OrderSnapshot | null,
  by: { sessionId?: string; paymentIntentId?: string },
  now: number,
): Promise<LocatedOrder | null> {
  const existing = await findOrder(db, { id: snapshot?.orderId, ...by });
  if (existing) return { ...located(existing), create: [] };
  // The pending row may be missing (a crash between creating the Checkout Session and recording it):
  // the snapshot in Stripe's metadata is enough to record the order now.
  if (!snapshot || !(await customerExists(db, snapshot.customerId))) return null;
  return {
    orderId: snapshot.orderId,
    customerId: snapshot.customerId,
    gb: snapshot.gb,
    price: snapshot.price,
    tax: 0,
    currency: snapshot.currency,
    create: [insertOrderStatement(db, snapshot, by.sessionId ?? null, now)],
  };
}

/** A customer's orders, newest first. */
export function listOrders(db: Db, customerId: string, limit = 100) {
  return db.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(desc(orders.createdAt)).limit(limit);
}

/**
 * A page of the customer's orders, newest first: those older than `before` (the (created_at, id) of the last order
 * of the page before), at most `limit`, plus one to tell whether more follow.
 */
export function ordersPage(db: Db, customerId: string, page: { before?: { at: number; id: string }; limit: number }) {
  const { before } = page;
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.customerId, customerId),
        before ? sql`(${orders.createdAt}, ${orders.id}) < (${before.at}, ${before.id})` : undefined,
      ),
    )
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(page.limit + 1);
}

/** The tier of the customer's latest paid purchase (what "Buy more" offers them), if any. */
export async function lastPurchasedTierId(db: Db, customerId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ tierId: orders.tierId })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.kind, 'purchase'), isNotNull(orders.paidAt)))
    .orderBy(desc(orders.paidAt))
    .limit(1);
  return row?.tierId;
}

/** The orders that count towards a customer's keys: paid, including partly or fully refunded ones. */
export function listEntitledOrders(db: Db, customerId: string): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.customerId, customerId), inArray(orders.status, [...ENTITLED_STATUSES])));
}
