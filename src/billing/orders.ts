// Orders: what a customer bought, as a snapshot of the tier at checkout time, and what their purchases entitle them to.
import { type AnyColumn, and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Order, orders } from '../../schema.ts';
import type { Tier } from '../config/index.ts';
import type { Db } from '../db/index.ts';
import { firstRow, type Reads, readTogether } from '../db/reads.ts';
import { gbForAmount, type Purchase } from '../shared/billing.ts';
import * as z from '../zod.ts';

export type { Order };

/** What was sold, fixed at checkout: a later price or tier change in config never alters it. */
export interface OrderSnapshot
  extends Pick<Purchase, 'tierId' | 'tierName' | 'gb' | 'price' | 'currency' | 'validityDays'> {
  orderId: string;
  customerId: string;
}

export function newOrderId(): string {
  return `ord_${crypto.randomUUID().replace(/-/g, '')}`;
}

export function snapshotOf(tier: Tier, customerId: string, orderId = newOrderId()): OrderSnapshot {
  return {
    orderId,
    customerId,
    tierId: tier.id,
    tierName: tier.name,
    gb: tier.gb,
    price: tier.price,
    currency: tier.currency,
    validityDays: tier.validityDays ?? null,
  };
}

/** The snapshot as Stripe metadata (strings only), carried by the Checkout Session and its PaymentIntent. */
export function snapshotMetadata(s: OrderSnapshot): Record<string, string> {
  return {
    shop_order_id: s.orderId,
    shop_customer_id: s.customerId,
    tier_id: s.tierId,
    tier_name: s.tierName,
    gb: String(s.gb),
    price: String(s.price),
    currency: s.currency,
    validity_days: s.validityDays === null ? '' : String(s.validityDays),
  };
}

const wholeNumber = z.pipe(
  z.string().check(z.regex(/^\d{1,9}$/)),
  z.transform((v) => Number(v)),
);

const metadataSchema = z.object({
  shop_order_id: z.string().check(z.regex(/^ord_[0-9a-f]{32}$/)),
  shop_customer_id: z.string().check(z.minLength(1), z.maxLength(100)),
  tier_id: z.string().check(z.minLength(1), z.maxLength(32)),
  tier_name: z.string().check(z.minLength(1), z.maxLength(100)),
  gb: wholeNumber,
  price: wholeNumber,
  currency: z.string().check(z.regex(/^[a-z]{3}$/)),
  validity_days: z.optional(z.string().check(z.regex(/^\d{0,5}$/))),
});

/** The snapshot this shop wrote into Stripe metadata, or null for an object this shop did not create. */
export function snapshotFromMetadata(metadata: unknown): OrderSnapshot | null {
  const parsed = metadataSchema.safeParse(metadata);
  if (!parsed.success || parsed.data.gb < 1) return null;
  const m = parsed.data;
  return {
    orderId: m.shop_order_id,
    customerId: m.shop_customer_id,
    tierId: m.tier_id,
    tierName: m.tier_name,
    gb: m.gb,
    price: m.price,
    currency: m.currency,
    validityDays: m.validity_days ? Number(m.validity_days) : null,
  };
}

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

/** What the shop kept of an order's payment, net of tax: the price less the price's share of refunds. The ONE
 * revenue figure (the console's overview, customer list and CSV). */
export function netRevenueOf(table: { price: AnyColumn; tax: AnyColumn; refundedAmount: AnyColumn }) {
  return sql<number>`(${table.price} - (${table.refundedAmount} * ${table.price}) / max(1, ${table.price} + ${table.tax}))`;
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

/** A customer's orders, newest first. */
export function listOrders(db: Db, customerId: string, limit = 100) {
  return db.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(desc(orders.createdAt)).limit(limit);
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

/** Statuses of orders whose GB may still count (paid, and refunded ones, whose refunded GB are taken off). */
export const ENTITLED_STATUSES = ['paid', 'refunded'] as const;

/**
 * The GB of an order that still count towards the customer's cap: bought (or granted), less what refunds took back
 * and what disputes hold. The ONE definition, used by the entitlement and the ledger in TypeScript and by the
 * checkout's reservation in SQL (`openGbOf`): change both together.
 */
export function openGb(order: Pick<Order, 'gb' | 'refundedGb' | 'heldGb'>): number {
  return Math.max(0, order.gb - order.refundedGb - order.heldGb);
}

/** `openGb` in SQL, over `orders` or an alias of it. */
export function openGbOf(table: { gb: AnyColumn; refundedGb: AnyColumn; heldGb: AnyColumn }) {
  return sql<number>`max(0, ${table.gb} - ${table.refundedGb} - ${table.heldGb})`;
}

/** The orders that count towards a customer's keys: paid, including partly or fully refunded ones. */
export function listEntitledOrders(db: Db, customerId: string): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.customerId, customerId), inArray(orders.status, [...ENTITLED_STATUSES])));
}

/** Puts a paid order's GB on a key generation (once: an order never moves). */
export function placeOrderStatement(db: Db, orderId: string, generation: number) {
  return db
    .update(orders)
    .set({ keyGeneration: generation })
    .where(and(eq(orders.id, orderId), isNull(orders.keyGeneration)));
}

const DAY_MS = 86_400_000;

export interface Entitlement {
  /** Paid GB not refunded or held by a dispute, of every order, whichever key generation holds them. */
  capGb: number;
  /** When the key expires (unix ms); null when a purchase without validity is still open, or nothing was bought. */
  expiresAt: number | null;
  /** Orders that count (paid with open GB). */
  orderIds: string[];
}

/**
 * What a customer's purchases entitle them to, computed from D1 alone. Validity stacks like the platform's
 * top-up: in payment order, each purchase extends `max(expiry, paidAt)` by its validity days. The same orders
 * always give the same answer, whatever order the events arrived in.
 */
export function entitlementOf(rows: readonly Order[]): Entitlement {
  const open = rows
    .flatMap((o) =>
      (o.status === 'paid' || o.status === 'refunded') && o.paidAt !== null && openGb(o) > 0
        ? [{ ...o, paidAt: o.paidAt }]
        : [],
    )
    .sort((a, b) => a.paidAt - b.paidAt || a.id.localeCompare(b.id));
  let expiresAt: number | null = null;
  let unlimited = false;
  for (const o of open) {
    if (o.validityDays === null) unlimited = true;
    else expiresAt = Math.max(expiresAt ?? 0, o.paidAt) + o.validityDays * DAY_MS;
  }
  return {
    capGb: open.reduce((sum, o) => sum + openGb(o), 0),
    expiresAt: unlimited ? null : expiresAt,
    orderIds: open.map((o) => o.id),
  };
}

/** What an order was sold as: the snapshot a retried charge sends to Stripe again. */
export function snapshotOfOrder(o: Order): OrderSnapshot {
  return {
    orderId: o.id,
    customerId: o.customerId,
    tierId: o.tierId,
    tierName: o.tierName,
    gb: o.gb,
    price: o.price,
    currency: o.currency,
    validityDays: o.validityDays,
  };
}

/** An order as the customer sees it. */
export function purchaseView(o: Order): Purchase {
  return {
    id: o.id,
    tierId: o.tierId,
    tierName: o.tierName,
    gb: o.gb,
    price: o.price,
    currency: o.currency,
    validityDays: o.validityDays,
    status: o.status,
    refundedGb: o.refundedGb,
    refundedAmount: o.refundedAmount,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
  };
}
