// What an order sold, fixed at checkout (a later price or tier change in config never alters it), and the same
// snapshot as Stripe metadata: carried by the Checkout Session and its PaymentIntent, so an order whose row went
// missing can be recorded from Stripe's event alone. Pure.
import type { Order } from '../../schema.ts';
import type { Tier } from '../config/index.ts';
import type { Purchase } from '../shared/billing.ts';
import * as z from '../zod.ts';

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

/** The snapshot as Stripe metadata (strings only). */
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
