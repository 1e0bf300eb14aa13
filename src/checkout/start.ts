// Checkout: a Stripe Checkout Session for one tier from config (never a client price), with the tier's snapshot
// in metadata. Its GB are reserved first, in one conditional D1 statement (src/orders/ceiling.ts), so concurrent
// checkouts cannot together pass the cap ceiling and nothing is charged for GB that could not be delivered.
import {
  type Customer,
  customerLocale,
  linkStripeCustomerStatement,
  replaceStripeCustomerStatement,
} from '../customers/index.ts';
import type { BatchStatement, Db } from '../db/index.ts';
import { read, readTogether, rows, writes } from '../db/reads.ts';
import { DomainError, type DomainErrorOptions } from '../domain-error.ts';
import { heldOffByPerson, keysOf, type PoolKeyRow, readUsage } from '../keys/index.ts';
import {
  CHECKOUT_TTL_MS,
  linkStripeIdsStatement,
  releaseReservation,
  reservationReads,
  snapshotMetadata,
  snapshotOf,
} from '../orders/index.ts';
import { autoTopUpQuery } from '../refill/index.ts';
import type { Services } from '../services/index.ts';
import { tierIn } from '../shared/api.ts';
import { planName } from '../shared/billing.ts';
import { formatDays, formatGb } from '../shared/format.ts';
import { localizedPath, stripeLocale } from '../shared/i18n/locales.ts';
import { inLocale, t, words } from '../shared/i18n/translate.ts';
import { PaymentProviderError, type Stripe, StripeError } from '../stripe/index.ts';
import { checkoutOptions, taxBehavior } from './options.ts';

export type CheckoutErrorCode =
  | 'unknown_tier'
  | 'unknown_currency'
  | 'account_suspended'
  | 'key_disabled_upstream'
  | 'cap_ceiling';

const STATUS: Record<CheckoutErrorCode, number> = {
  unknown_tier: 404,
  unknown_currency: 400,
  account_suspended: 403,
  key_disabled_upstream: 403,
  cap_ceiling: 409,
};

export class CheckoutError extends DomainError<CheckoutErrorCode> {
  override readonly name = 'CheckoutError';
  constructor(code: CheckoutErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, STATUS, options);
  }
}

type CheckoutServices = Pick<
  Services,
  'db' | 'config' | 'stripe' | 'clock' | 'pool' | 'log' | 'waitUntil' | 'kv' | 'loadCatalog' | 'configIn'
>;

/**
 * What a checkout reads beside the session check, in its round trip: every key generation of the customer, and
 * whether auto top-up is on (the card is then saved for it).
 */
export const checkoutReads = (db: Db, customerId: string) => ({
  keys: rows(keysOf(db, customerId)),
  saveCard: read(autoTopUpQuery(db, customerId), ([row]) => row?.enabled === true),
});

export type CheckoutReads = { keys: PoolKeyRow[]; saveCard: boolean };

export interface CheckoutStarted {
  url: string;
  sessionId: string;
  orderId: string;
}

/**
 * The Stripe customer of a shop customer, created once (the idempotency key makes concurrent first checkouts agree);
 * a new one's link to the shop customer is a write for the caller's next batch.
 */
async function stripeCustomerOf(
  { db, stripe }: CheckoutServices,
  customer: Customer,
): Promise<{ id: string; link: BatchStatement[] }> {
  if (customer.stripeCustomerId) return { id: customer.stripeCustomerId, link: [] };
  const created = await stripe.customers.create(
    { email: customer.email, metadata: { shop_customer_id: customer.id } },
    { idempotencyKey: `shop-customer-${customer.id}` },
  );
  return { id: created.id, link: [linkStripeCustomerStatement(db, customer.id, created.id)] };
}

/** Stripe no longer knows the customer the shop stored (deleted in the Stripe dashboard, or the other mode's id). */
const customerMissing = (err: unknown) =>
  err instanceof StripeError && err.code === 'resource_missing' && err.param === 'customer';

/**
 * A new Stripe customer in place of one Stripe no longer knows, linked in D1 before it is used (keyed by the one it
 * replaces, so concurrent checkouts make one).
 */
async function replaceStripeCustomer({ db, stripe }: CheckoutServices, customer: Customer, missing: string) {
  const created = await stripe.customers.create(
    { email: customer.email, metadata: { shop_customer_id: customer.id } },
    { idempotencyKey: `shop-customer-${customer.id}-replacing-${missing}` },
  );
  await replaceStripeCustomerStatement(db, customer.id, missing, created.id);
  return created.id;
}

/**
 * A Checkout Session for `customer` (their row and `keys` read with the session check): the platform's usage reading
 * and the Stripe customer side by side, then ONE batch that records the reading and reserves the GB, then Stripe.
 */
export async function startCheckout(
  services: CheckoutServices,
  customer: Customer,
  { keys, saveCard }: CheckoutReads,
  { tierId, currency = services.config.currency }: { tierId: string; currency?: string },
): Promise<CheckoutStarted> {
  const { db, config } = services;
  const customerId = customer.id;
  const sold = config.tiers.find((t) => t.id === tierId);
  if (!sold)
    throw new CheckoutError('unknown_tier', 'There is no such plan. Pick one from the pricing table.', {
      words: words('error.unknownTier'),
    });
  if (!config.currencies.includes(currency))
    throw new CheckoutError('unknown_currency', `Prices are in ${config.currencies.join(', ')}, not "${currency}".`);
  // Charged in the currency the page showed (Adaptive Pricing, when on, lets Checkout convert it further).
  const tier = tierIn(sold, currency);
  if (customer.suspendedAt)
    throw new CheckoutError(
      'account_suspended',
      `Your account is suspended. Contact ${config.brand.supportEmail} for help.`,
      { words: words('error.suspended', { email: config.brand.supportEmail }) },
    );

  // A fresh usage reading makes "what you still have" exact; the Stripe customer is needed either way.
  const [usage, stripeCustomer] = await Promise.all([
    readUsage(services, keys),
    stripeCustomerOf(services, customer).catch((err: unknown) => {
      throw new PaymentProviderError(err);
    }),
  ]);
  const recorded = [...usage.writes, ...stripeCustomer.link];
  if (heldOffByPerson(usage.keys)) {
    await readTogether(db, writes(recorded));
    throw new CheckoutError(
      'key_disabled_upstream',
      `Your proxy key was disabled by the provider, so nothing more can be added to it. Contact ${config.brand.supportEmail} for help. Nothing was charged.`,
      { words: words('error.keyDisabled', { email: config.brand.supportEmail }) },
    );
  }

  const now = services.clock.now();
  const snapshot = snapshotOf(tier, customerId);
  const ceiling = config.keys.capCeilingGb;
  const [, reservation] = await readTogether(db, writes(recorded), reservationReads(db, snapshot, ceiling, now));
  if (!reservation.made) {
    throw new CheckoutError(
      'cap_ceiling',
      `You can hold at most ${ceiling} GB at a time. You still have ${reservation.held} GB (counting checkouts not finished yet), so the ${tier.name} plan (${tier.gb} GB) ` +
        `does not fit right now. Nothing was charged. Use up some traffic first, or contact ${config.brand.supportEmail} for larger volumes.`,
      {
        words: words('error.capCeiling', {
          ceiling,
          held: reservation.held,
          tier: tier.name,
          gb: tier.gb,
          email: config.brand.supportEmail,
        }),
      },
    );
  }

  const metadata = snapshotMetadata(snapshot);
  // Checkout, its receipt and the product's words in the customer's language.
  const locale = customerLocale(customer) ?? config.defaultLocale;
  // The plan by its name in that language (content/<locale>/shop.json); PRICING's if that file cannot be read.
  const [, named] = await Promise.all([services.loadCatalog(locale), services.configIn(locale).catch(() => config)]);
  const productName = planName({ tierId: tier.id, tierName: tier.name }, named.tiers);
  const traffic = inLocale(locale, () => formatGb(tier.gb));
  const description = inLocale(locale, () =>
    tier.validityDays
      ? t('meta.offerValid', { traffic, days: formatDays(tier.validityDays) })
      : t('meta.offer', { traffic }),
  );
  const createSession = (stripeCustomerId: string, idempotencyKey: string) =>
    services.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer: stripeCustomerId,
        client_reference_id: customerId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: tier.currency,
              unit_amount: tier.price,
              ...taxBehavior(config.checkout),
              product_data: {
                name: `${config.brand.name} — ${productName}`,
                description,
              },
            },
          },
        ],
        metadata,
        ...checkoutOptions(config.checkout, metadata, saveCard),
        success_url: `${config.publicUrl}/dashboard?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${config.publicUrl}${localizedPath('/#pricing', locale, config.defaultLocale)}`,
        locale: stripeLocale(locale),
        expires_at: Math.floor((now + CHECKOUT_TTL_MS) / 1000),
      },
      { idempotencyKey },
    );
  let session: Stripe.Checkout.Session;
  try {
    session = await createSession(stripeCustomer.id, `checkout-${snapshot.orderId}`).catch(async (err: unknown) => {
      if (!customerMissing(err)) throw err;
      // Without this, that customer's every checkout would fail the same way, forever.
      services.log.warn('stored stripe customer missing; making a new one', { customerId, missing: stripeCustomer.id });
      const replacement = await replaceStripeCustomer(services, customer, stripeCustomer.id);
      return createSession(replacement, `checkout-${snapshot.orderId}-${replacement}`);
    });
    if (!session.url) throw new Error('Checkout Session without url');
  } catch (err) {
    // No session reached the customer: the GB are free again. (Had Stripe made one after all, its webhook would
    // record the order again from the snapshot in its metadata.)
    await releaseReservation(db, snapshot.orderId);
    throw new PaymentProviderError(err);
  }
  // After the answer: if this is lost, the webhook links the session from the order id in its metadata.
  services.waitUntil(linkStripeIdsStatement(db, snapshot.orderId, session.id, null).then(() => undefined));
  return { url: session.url, sessionId: session.id, orderId: snapshot.orderId };
}
