// The "your auto top-up needs you" mail, once per failed charge whoever noticed the failure first (the cron's
// answer from Stripe or the webhook), with the link that finishes the payment on Stripe's hosted checkout.
import { customerLocale, getCustomer } from '../customers/index.ts';
import { findOrder } from '../orders/index.ts';
import type { Services } from '../services/index.ts';
import type { AutoTopUpPause } from '../shared/refill.ts';
import { type AutoTopUpChargeRow, claimNotice, getAutoTopUp, unclaimNotice } from './store.ts';

type NoticeServices = Pick<Services, 'db' | 'config' | 'mail' | 'log' | 'clock'>;

/** Where the customer finishes the payment: the tier's checkout, after sign-in (Stripe's hosted page saves the card). */
export function payUrlOf(publicUrl: string, tierId: string): string {
  return `${publicUrl}/checkout/${tierId}`;
}

/** What the failed charge was buying: its order's snapshot, or (nothing reserved) the tier chosen for auto top-up. */
async function tierOf(services: NoticeServices, charge: AutoTopUpChargeRow) {
  const order = charge.orderId ? await findOrder(services.db, { id: charge.orderId }) : undefined;
  if (order) return { id: order.tierId, name: order.tierName, gb: order.gb };
  const chosen = (await getAutoTopUp(services.db, charge.customerId))?.tierId;
  const tier = services.config.tiers.find((t) => t.id === chosen);
  if (!tier) throw new Error('auto top-up tier not on sale');
  return { id: tier.id, name: tier.name, gb: tier.gb };
}

export async function sendPausedNoticeOnce(services: NoticeServices, chargeId: string): Promise<boolean> {
  const { db, config, log } = services;
  const charge = await claimNotice(db, chargeId, services.clock.now());
  if (!charge) return false;
  try {
    const [customer, tier] = await Promise.all([getCustomer(db, charge.customerId), tierOf(services, charge)]);
    if (!customer) throw new Error('customer missing');
    await services.mail.enqueue({
      kind: 'auto_top_up_paused',
      locale: customerLocale(customer),
      chargeId,
      to: customer.email,
      reason: (charge.failure ?? 'card_declined') as AutoTopUpPause,
      tierId: tier.id,
      tierName: tier.name,
      gb: tier.gb,
      amount: charge.amount,
      currency: charge.currency,
      payUrl: payUrlOf(config.publicUrl, tier.id),
    });
    return true;
  } catch (err) {
    log.error('auto top-up notice not queued', { chargeId, err });
    await unclaimNotice(db, chargeId);
    return false;
  }
}
