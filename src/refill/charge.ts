// The cron's auto top-ups. For each customer with it on and not paused, the trigger is read from D1 (no upstream
// call); a due top-up reserves its charge (monthly limit, one at a time, unique per month and count) and its order
// (the cap ceiling, as a checkout does), then charges the saved card off-session with an idempotency key derived
// from customer, month and count: overlapping runs, retries and replays charge once. Stripe's webhook pays the
// order through the same path as a Checkout; a card the bank refuses pauses auto top-up and mails the customer.
import { getCustomer } from '../customers/index.ts';
import {
  entitlementOf,
  findOrder,
  linkStripeIdsStatement,
  listEntitledOrders,
  markUnpaidStatement,
  type OrderSnapshot,
  reserveOrder,
  snapshotMetadata,
  snapshotOf,
  snapshotOfOrder,
  stillHasGb,
} from '../orders/index.ts';
import type { Services } from '../services/index.ts';
import type { AutoTopUpPause } from '../shared/refill.ts';
import { cardRefusal } from '../stripe/index.ts';
import { MINUTE_MS } from '../time.ts';
import { CHARGE_METADATA_KEY, pauseReasonOf } from './intents.ts';
import { sendPausedNoticeOnce } from './notice.ts';
import {
  type AutoTopUpChargeRow,
  type AutoTopUpRow,
  activeAutoTopUps,
  chargeFailedStatements,
  chargeSucceededStatement,
  getAutoTopUp,
  reserveCharge,
  skipCharge,
  stuckCharges,
} from './store.ts';
import { topUpDue } from './trigger.ts';

type RefillServices = Pick<Services, 'db' | 'config' | 'stripe' | 'mail' | 'log' | 'clock'>;

/** A charge still 'charging' this long after it was reserved lost its answer: it is sent again with its own key. */
const STUCK_AFTER_MS = 2 * MINUTE_MS;

export interface TopUpTally {
  charged: number;
  paused: number;
  skipped: number;
}

const idempotencyKeyOf = (c: Pick<AutoTopUpChargeRow, 'customerId' | 'period' | 'count'>) =>
  `auto-top-up-${c.customerId}-${c.period}-${c.count}`;

async function fail(
  services: RefillServices,
  charge: AutoTopUpChargeRow,
  reason: AutoTopUpPause,
  paymentIntentId: string | null,
): Promise<void> {
  const { db, clock } = services;
  const [pause, failed] = chargeFailedStatements(db, charge, reason, paymentIntentId, clock.now());
  await db.batch([pause, failed, ...(charge.orderId ? [markUnpaidStatement(db, charge.orderId, 'failed')] : [])]);
  await sendPausedNoticeOnce(services, charge.id);
}

/** Charges the saved card for a reserved charge and its order; the same call again (a retry) charges nothing more. */
async function chargeCard(
  services: RefillServices,
  charge: AutoTopUpChargeRow,
  snapshot: OrderSnapshot,
  stripeCustomer: string,
  paymentMethod: string,
): Promise<'charged' | 'paused' | 'pending'> {
  const { db, log } = services;
  try {
    const intent = await services.stripe.paymentIntents.create(
      {
        amount: snapshot.price,
        currency: snapshot.currency,
        customer: stripeCustomer,
        payment_method: paymentMethod,
        off_session: true,
        confirm: true,
        description: `${services.config.brand.name} — ${snapshot.tierName} (auto top-up)`,
        metadata: { ...snapshotMetadata(snapshot), [CHARGE_METADATA_KEY]: charge.id },
      },
      { idempotencyKey: idempotencyKeyOf(charge) },
    );
    if (intent.status === 'requires_action') {
      await fail(services, charge, 'authentication_required', intent.id);
      return 'paused';
    }
    const link = linkStripeIdsStatement(db, snapshot.orderId, null, intent.id);
    await db.batch(intent.status === 'succeeded' ? [link, chargeSucceededStatement(db, charge.id, intent.id)] : [link]);
    return intent.status === 'succeeded' ? 'charged' : 'pending';
  } catch (err) {
    const refused = cardRefusal(err);
    if (refused) {
      await fail(services, charge, pauseReasonOf(refused.code), refused.paymentIntentId);
      return 'paused';
    }
    // Stripe did not answer: the charge stays 'charging' and the next run sends the same request again.
    log.warn('auto top-up charge not answered; retried by the next cron run', { chargeId: charge.id, err });
    return 'pending';
  }
}

/** Reads the trigger and, when due, reserves and charges one top-up. */
async function topUp(services: RefillServices, setting: AutoTopUpRow, now: number): Promise<keyof TopUpTally | null> {
  const { db, config, log } = services;
  const tier = config.tiers.find((t) => t.id === setting.tierId);
  const customer = await getCustomer(db, setting.customerId);
  if (!tier || !customer || customer.suspendedAt) return null;
  const [gbLeft, orders] = await Promise.all([stillHasGb(db, customer.id, now), listEntitledOrders(db, customer.id)]);
  const standing = { gbLeft, expiresAt: entitlementOf(orders).expiresAt, bought: orders.length > 0 };
  if (!topUpDue(setting, standing, now)) return null;

  const limit = Math.min(setting.monthlyLimit, config.autoTopUpMaxMonthly);
  const canCharge = Boolean(setting.paymentMethodId && customer.stripeCustomerId);
  const snapshot = snapshotOf(tier, customer.id);
  const charge = await reserveCharge(
    db,
    {
      id: `atu_${crypto.randomUUID().replace(/-/g, '')}`,
      customerId: customer.id,
      orderId: canCharge ? snapshot.orderId : null,
      amount: tier.price,
      currency: tier.currency,
    },
    limit,
    now,
  );
  if (!charge) return null;
  if (!canCharge || !setting.paymentMethodId || !customer.stripeCustomerId) {
    await fail(services, charge, 'no_card', null);
    return 'paused';
  }
  if (!(await reserveOrder(db, snapshot, config.keys.capCeilingGb, now))) {
    log.info('auto top-up skipped: the tier does not fit under the cap ceiling', { customerId: customer.id });
    await skipCharge(db, charge.id, 'cap_ceiling');
    return 'skipped';
  }
  const result = await chargeCard(services, charge, snapshot, customer.stripeCustomerId, setting.paymentMethodId);
  return result === 'pending' ? null : result;
}

/** A charge whose Stripe answer was lost: the same request again (Stripe answers it from the idempotency key). */
async function retryStuck(services: RefillServices, charge: AutoTopUpChargeRow): Promise<void> {
  const { db } = services;
  const order = charge.orderId ? await findOrder(db, { id: charge.orderId }) : undefined;
  const customer = await getCustomer(db, charge.customerId);
  const setting = await getAutoTopUp(db, charge.customerId);
  if (!order || !customer?.stripeCustomerId || !setting?.paymentMethodId) {
    await skipCharge(db, charge.id, 'abandoned');
    if (order) await db.batch([markUnpaidStatement(db, order.id, 'expired')]);
    return;
  }
  await chargeCard(services, charge, snapshotOfOrder(order), customer.stripeCustomerId, setting.paymentMethodId);
}

/**
 * The cron's auto top-ups, a page at a time: the charges whose Stripe answer was lost first (with the first page),
 * then `page.limit` customers with auto top-up on, after customer id `page.after`; says where the next page starts.
 */
export async function runAutoTopUps(
  services: RefillServices,
  now: number,
  page: { after: string | null; limit: number },
): Promise<{ tally: TopUpTally; next: string | null }> {
  const tally: TopUpTally = { charged: 0, paused: 0, skipped: 0 };
  if (services.config.autoTopUpMaxMonthly === 0) return { tally, next: null };
  if (page.after === null)
    for (const charge of await stuckCharges(services.db, now - STUCK_AFTER_MS)) await retryStuck(services, charge);
  const settings = await activeAutoTopUps(services.db, page);
  for (const setting of settings) {
    const result = await topUp(services, setting, now);
    if (result) tally[result]++;
  }
  return { tally, next: settings.length === page.limit ? (settings.at(-1)?.customerId ?? null) : null };
}
