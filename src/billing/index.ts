// Billing: Stripe Checkout, the verified webhook, orders, and fulfilment by reconciling each customer's keys.
import { ConfigError } from '../config/index.ts';
import type { Services } from '../services/index.ts';
import { sendMissingReceipts } from './receipts.ts';
import { reconcileDueKeys } from './reconcile.ts';

export { stillHasGb } from './ceiling.ts';
export { startCheckout } from './checkout.ts';
export { type Dispute, listDisputes, openDisputes } from './disputes.ts';
export { fulfil } from './fulfil.ts';
export { type GenerationBalance, ledgerOf } from './ledger.ts';
export { entitlementOf, findOrder, insertGrantStatement, listEntitledOrders, openGb, purchaseView } from './orders.ts';
export { type ReconcileResult, reconcileCustomerKey } from './reconcile.ts';
export { verifyStripeSignature, WebhookSignatureError } from './signature.ts';
export { orderStatus, purchaseHistory } from './status.ts';
export { StripeError } from './stripe/index.ts';
export { applyRetrievedSession, applyStripeEvent, parseEvent } from './webhook.ts';

/**
 * The cron trigger's billing work: reconcile every key that is owed and due (a purchase made while the upstream
 * was down is fulfilled here once it recovers, a rolled-over key is retired when its grace ends), and queue missing
 * receipts. `scheduledTime` decides what is due.
 */
export async function runBillingCron(services: Services, scheduledTime: number): Promise<void> {
  // A broken config fails the job outright, rather than being recorded as every due key's upstream failure.
  if (services.configProblems.length) throw new ConfigError(services.configProblems);
  const keys = await reconcileDueKeys(services, scheduledTime);
  const receipts = await sendMissingReceipts(services, scheduledTime);
  services.log.info('billing cron', { job: 'billing', keys, receipts });
}
