// Checkout: a Stripe Checkout Session for one tier from config (never a client price), with the tier's snapshot
// in metadata. Its GB are reserved first, in one conditional D1 statement (src/billing/ceiling.ts), so concurrent
// checkouts cannot together pass the cap ceiling and nothing is charged for GB that could not be delivered.
import { getCustomer, linkStripeCustomer } from '../customers/index.ts';
import { refreshUsage } from '../keys/index.ts';
import type { Services } from '../services/index.ts';
import { CHECKOUT_TTL_MS, releaseReservation, reserveOrder, stillHasGb } from './ceiling.ts';
import { linkStripeIdsStatement, snapshotMetadata, snapshotOf } from './orders.ts';
import { PaymentProviderError, type Stripe } from './stripe/index.ts';

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

type CheckoutServices = Pick<Services, 'db' | 'config' | 'stripe' | 'clock' | 'pool' | 'log'>;

export interface CheckoutStarted {
  url: string;
  sessionId: string;
  orderId: string;
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

  // A fresh usage reading makes "what you still have" exact; the Stripe customer is needed either way.
  const [keys, stripeCustomer] = await Promise.all([
    refreshUsage(services, customerId),
    stripeCustomerOf(services, customer).catch((err: unknown) => {
      throw new PaymentProviderError(err);
    }),
  ]);
  if (keys.some((k) => k.state !== 'retired' && k.upstreamDisabledAt))
    throw new CheckoutError(
      403,
      'key_disabled_upstream',
      `Your proxy key was disabled by the provider, so nothing more can be added to it. Contact ${config.brand.supportEmail} for help. Nothing was charged.`,
    );

  const now = services.clock.now();
  const snapshot = snapshotOf(tier, customerId);
  const ceiling = config.keys.capCeilingGb;
  if (!(await reserveOrder(db, snapshot, ceiling, now))) {
    const held = await stillHasGb(db, customerId, now);
    throw new CheckoutError(
      409,
      'cap_ceiling',
      `You can hold at most ${ceiling} GB at a time. You still have ${held} GB (counting checkouts not finished yet), so the ${tier.name} plan (${tier.gb} GB) ` +
        `does not fit right now. Nothing was charged. Use up some traffic first, or contact ${config.brand.supportEmail} for larger volumes.`,
    );
  }

  const metadata = snapshotMetadata(snapshot);
  let session: Stripe.Checkout.Session;
  try {
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
    if (!session.url) throw new Error('Checkout Session without url');
  } catch (err) {
    // No session reached the customer: the GB are free again. (Had Stripe made one after all, its webhook would
    // record the order again from the snapshot in its metadata.)
    await releaseReservation(db, snapshot.orderId);
    throw new PaymentProviderError(err);
  }
  // If this is lost (a crash right here), the webhook links the session from the order id in its metadata.
  await linkStripeIdsStatement(db, snapshot.orderId, session.id, null);
  return { url: session.url, sessionId: session.id, orderId: snapshot.orderId };
}
