// Billing: Stripe Checkout, the verified webhook, orders, and fulfilment by reconciling each customer's key.
import { getConfig, type Config } from '../config/index.ts';
import { createLogger, type Logger } from '../log.ts';
import { reconcileCustomerKey, reconcileDeps, reconcileDueKeys } from './reconcile.ts';
import { sendMissingReceipts, sendReceiptOnce } from './receipts.ts';
import type { EventOutcome } from './webhook.ts';

export { startCheckout, CheckoutError } from './checkout.ts';
export { reconcileCustomer, reconcileCustomerKey, type ReconcileResult } from './reconcile.ts';

/** The slow part after a payment or refund was recorded: converge the key, queue the receipt. Never throws. */
export async function fulfil(env: Env, config: Config, log: Logger, outcome: Pick<EventOutcome, 'reconcileCustomerId' | 'paidOrderId'>): Promise<void> {
  const deps = reconcileDeps(env, config, log);
  await Promise.allSettled([
    outcome.reconcileCustomerId ? reconcileCustomerKey(deps, outcome.reconcileCustomerId) : undefined,
    outcome.paidOrderId ? sendReceiptOnce({ db: deps.db, queue: env.MAIL_QUEUE, log }, outcome.paidOrderId) : undefined,
  ]);
}

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
