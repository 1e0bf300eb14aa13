// The cron's auto top-ups. For each customer with it on and not paused, the trigger is read from D1 (no upstream
// call); a due top-up reserves its charge (monthly limit, one at a time, unique per month and count) and its order
// (the cap ceiling, as a checkout does), then charges the saved payment method off-session (pay.ts). Charges still
// under way are checked when due: a lost answer is sent again or looked up, a processing debit is asked about. Stripe's
// webhook pays the order through the same path as a Checkout; a refusal pauses auto top-up and mails the customer.
// `topUpCustomer` and `checkCharge` each do one customer's or one charge's work, whoever pages through them.
import { getCustomer } from '../customers/index.ts';
import {
  entitlementOf,
  findOrder,
  listEntitledOrders,
  markUnpaidStatement,
  reserveOrder,
  snapshotOf,
  snapshotOfOrder,
  stillHasGb,
} from '../orders/index.ts';
import { tierIn } from '../shared/api.ts';
import {
  ANSWER_LOST_AFTER_MS,
  applyIntent,
  failCharge,
  findIntentOf,
  KEY_KEPT_MS,
  PROCESSING_CHECK_MS,
  type RefillServices,
  sendCharge,
} from './pay.ts';
import {
  type AutoTopUpChargeRow,
  type AutoTopUpRow,
  activeAutoTopUps,
  claimCheck,
  dueCharges,
  getAutoTopUp,
  reserveCharge,
  skipCharge,
} from './store.ts';
import { topUpDue } from './trigger.ts';

export interface TopUpTally {
  charged: number;
  paused: number;
  skipped: number;
}

/** Reads one customer's trigger and, when due, reserves and charges one top-up. */
export async function topUpCustomer(
  services: RefillServices,
  setting: AutoTopUpRow,
  now: number,
): Promise<keyof TopUpTally | null> {
  const { db, config, log } = services;
  const sold = config.tiers.find((t) => t.id === setting.tierId);
  const customer = await getCustomer(db, setting.customerId);
  if (!sold || !customer || customer.suspendedAt) return null;
  const [gbLeft, orders] = await Promise.all([stillHasGb(db, customer.id, now), listEntitledOrders(db, customer.id)]);
  // Charged in the currency of the customer's latest purchase (the card was saved paying in it).
  const latest = orders.reduce<(typeof orders)[number] | undefined>(
    (last, o) => (last === undefined || (o.paidAt ?? 0) > (last.paidAt ?? 0) ? o : last),
    undefined,
  );
  const tier = tierIn(sold, latest?.currency ?? sold.currency);
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
    now + ANSWER_LOST_AFTER_MS,
  );
  if (!charge) return null;
  if (!canCharge || !setting.paymentMethodId || !customer.stripeCustomerId)
    return failCharge(services, charge, 'no_card', null);
  if (!(await reserveOrder(db, snapshot, config.keys.capCeilingGb, now))) {
    log.info('auto top-up skipped: the tier does not fit under the cap ceiling', { customerId: customer.id });
    await skipCharge(db, charge.id, 'cap_ceiling');
    return 'skipped';
  }
  const result = await sendCharge(services, charge, snapshot, customer.stripeCustomerId, setting.paymentMethodId);
  return result === 'pending' ? null : result;
}

/**
 * A charge under way whose check is due, taken by one run: its known PaymentIntent is read (never another made);
 * a lost answer is sent again while Stripe keeps the key, and past that only after a look-up found no PaymentIntent.
 */
export async function checkCharge(services: RefillServices, charge: AutoTopUpChargeRow, now: number): Promise<void> {
  const { db, stripe, log } = services;
  const next = now + (charge.state === 'processing' ? PROCESSING_CHECK_MS : ANSWER_LOST_AFTER_MS);
  if (!(await claimCheck(db, charge, next))) return;
  try {
    if (charge.paymentIntentId) {
      await applyIntent(services, charge, await stripe.paymentIntents.retrieve(charge.paymentIntentId));
      return;
    }
    const [order, customer, setting] = await Promise.all([
      charge.orderId ? findOrder(db, { id: charge.orderId }) : undefined,
      getCustomer(db, charge.customerId),
      getAutoTopUp(db, charge.customerId),
    ]);
    if (!order || !customer?.stripeCustomerId || !setting?.paymentMethodId) {
      await skipCharge(db, charge.id, 'abandoned');
      if (order) await db.batch([markUnpaidStatement(db, order.id, 'expired')]);
      return;
    }
    if (now - charge.createdAt >= KEY_KEPT_MS) {
      const first = await findIntentOf(services, charge, customer.stripeCustomerId);
      if (first) {
        await applyIntent(services, charge, first);
        return;
      }
    }
    await sendCharge(services, charge, snapshotOfOrder(order), customer.stripeCustomerId, setting.paymentMethodId);
  } catch (err) {
    log.warn('auto top-up charge check failed; checked again later', { chargeId: charge.id, err });
  }
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
  // The charges under way whose check is due (a bounded few), with the first page.
  if (page.after === null)
    for (const charge of await dueCharges(services.db, now)) await checkCharge(services, charge, now);
  const settings = await activeAutoTopUps(services.db, page);
  for (const setting of settings) {
    const result = await topUpCustomer(services, setting, now);
    if (result) tally[result]++;
  }
  return { tally, next: settings.length === page.limit ? (settings.at(-1)?.customerId ?? null) : null };
}
