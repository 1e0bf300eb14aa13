// Billing: Stripe Checkout, the verified webhook, orders, and fulfilment by reconciling each customer's key.
import { getConfig } from '../config/index.ts';
import { createLogger } from '../log.ts';
import { sendMissingReceipts } from './receipts.ts';
import { reconcileDeps, reconcileDueKeys } from './reconcile.ts';

export { CheckoutError, startCheckout } from './checkout.ts';
export { fulfil } from './fulfil.ts';
export { getKeyRow, markKeyOwedStatement } from './keys.ts';
export { entitlementOf, insertGrantStatement, listEntitledOrders, purchaseView } from './orders.ts';
export { type ReconcileResult, reconcileCustomer, reconcileCustomerKey } from './reconcile.ts';
export { orderStatus, purchaseHistory } from './status.ts';
export { stripeClient } from './stripe.ts';
export {
  applyRetrievedSession,
  applyStripeEvent,
  parseEvent,
  verifyStripeSignature,
  WebhookSignatureError,
} from './webhook.ts';

/**
 * The cron trigger's billing work: reconcile every key that is owed and due (a purchase made while the upstream
 * was down is fulfilled here once it recovers), and queue missing receipts.
 * `scheduledTime` decides what is due.
 */
export async function runBillingCron(env: Env, scheduledTime: number): Promise<void> {
  const config = getConfig(env);
  const log = createLogger({ job: 'billing-cron' });
  const deps = reconcileDeps(env, config, log);
  const keys = await reconcileDueKeys(deps, scheduledTime);
  const receipts = await sendMissingReceipts({ db: deps.db, queue: env.MAIL_QUEUE, log }, scheduledTime);
  log.info('billing cron', { keys, receipts });
}
