// Checkout: a Stripe Checkout Session for one tier from config (never a client price), with the tier's snapshot
// in metadata, and the pending order recorded.
import { and, eq, gt } from 'drizzle-orm';
import { orders } from '../../schema.ts';
import { getCustomer, linkStripeCustomer } from '../customers/index.ts';
import type { Db } from '../db/index.ts';
import type { Services } from '../services/index.ts';
import { entitlementOf, listEntitledOrders, recordPendingOrder, snapshotMetadata, snapshotOf } from './orders.ts';
import { PaymentProviderError, type Stripe } from './stripe.ts';

/** Checkout Sessions live this long (Stripe's minimum is 30 min); pending orders younger than this still count. */
export const CHECKOUT_TTL_MS = 60 * 60_000;

export class CheckoutError extends Error {
  readonly status: 403 | 404 | 409;
  readonly code: string;
  constructor(status: 403 | 404 | 409, code: string, message: string) {
    super(message);
    this.name = 'CheckoutError';
    this.status = status;
    this.code = code;
  }
}

type CheckoutServices = Pick<Services, 'db' | 'config' | 'stripe' | 'clock'>;

export interface CheckoutStarted {
  url: string;
  sessionId: string;
  orderId: string;
}

/** GB the customer holds or is paying for right now: paid and unrefunded, plus checkouts still open. */
async function committedGb(db: Db, customerId: string, now: number): Promise<number> {
  const paid = entitlementOf(await listEntitledOrders(db, customerId)).capGb;
  const open = await db
    .select({ gb: orders.gb })
    .from(orders)
    .where(
      and(eq(orders.customerId, customerId), eq(orders.status, 'pending'), gt(orders.createdAt, now - CHECKOUT_TTL_MS)),
    );
  return paid + open.reduce((sum, o) => sum + o.gb, 0);
}

/** The Stripe customer of a shop customer, created once (the idempotency key makes concurrent first checkouts agree). */
async function stripeCustomerOf(
  { db, stripe }: CheckoutServices,
  customer: { id: string; email: string; stripeCustomerId: string | null },
): Promise<string> {
  if (customer.stripeCustomerId) return customer.stripeCustomerId;
  const created = await stripe.customers.create(
    { email: customer.email, metadata: { shop_customer_id: customer.id } },
    { idempotencyKey: `shop-customer-${customer.id}` },
  );
  await linkStripeCustomer(db, customer.id, created.id);
  return created.id;
}

export async function startCheckout(
  services: CheckoutServices,
  customerId: string,
  tierId: string,
): Promise<CheckoutStarted> {
  const { db, config } = services;
  const now = services.clock.now();
  const tier = config.tiers.find((t) => t.id === tierId);
  if (!tier) throw new CheckoutError(404, 'unknown_tier', 'There is no such plan. Pick one from the pricing table.');
  const customer = await getCustomer(db, customerId);
  if (!customer) throw new CheckoutError(404, 'unknown_customer', 'Please sign in again.');
  if (customer.suspendedAt)
    throw new CheckoutError(
      403,
      'account_suspended',
      `Your account is suspended. Contact ${config.brand.supportEmail} for help.`,
    );

  const committed = await committedGb(db, customerId, now);
  const ceiling = config.keys.capCeilingGb;
  if (committed + tier.gb > ceiling)
    throw new CheckoutError(
      409,
      'cap_ceiling',
      `A proxy key can hold at most ${ceiling} GB in total. You have ${committed} GB, so the ${tier.name} plan (${tier.gb} GB) ` +
        `would go past that. Nothing was charged. Contact ${config.brand.supportEmail} for larger volumes.`,
    );

  const snapshot = snapshotOf(tier, customerId);
  const metadata = snapshotMetadata(snapshot);
  let session: Stripe.Checkout.Session;
  try {
    const stripeCustomer = await stripeCustomerOf(services, customer);
    session = await services.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer: stripeCustomer,
        client_reference_id: customerId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: tier.currency,
              unit_amount: tier.price,
              product_data: {
                name: `${config.brand.name} — ${tier.name}`,
                description: `${tier.gb} GB of mobile proxy traffic${tier.validityDays ? `, valid ${tier.validityDays} days` : ''}`,
              },
            },
          },
        ],
        metadata,
        payment_intent_data: { metadata },
        success_url: `${config.publicUrl}/dashboard?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${config.publicUrl}/#pricing`,
        expires_at: Math.floor((now + CHECKOUT_TTL_MS) / 1000),
      },
      { idempotencyKey: `checkout-${snapshot.orderId}` },
    );
  } catch (err) {
    throw new PaymentProviderError(err);
  }
  if (!session.url) throw new PaymentProviderError(new Error('Checkout Session without url'));
  // If this insert is lost (a crash right here), the webhook records the order from the session's metadata.
  await recordPendingOrder(db, snapshot, session.id, now);
  return { url: session.url, sessionId: session.id, orderId: snapshot.orderId };
}
