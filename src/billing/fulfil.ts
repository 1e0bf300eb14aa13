// The slow part after a payment or refund is durably recorded: converge the customer's key, queue the receipt.
import type { Config } from '../config/index.ts';
import type { Logger } from '../log.ts';
import { sendReceiptOnce } from './receipts.ts';
import { reconcileCustomerKey, reconcileDeps } from './reconcile.ts';
import type { EventOutcome } from './webhook.ts';

/** Runs both side by side; never throws (failures are recorded for the cron to retry). */
export async function fulfil(
  env: Env,
  config: Config,
  log: Logger,
  outcome: Pick<EventOutcome, 'reconcileCustomerId' | 'paidOrderId'>,
): Promise<void> {
  const deps = reconcileDeps(env, config, log);
  await Promise.allSettled([
    outcome.reconcileCustomerId ? reconcileCustomerKey(deps, outcome.reconcileCustomerId) : undefined,
    outcome.paidOrderId ? sendReceiptOnce({ db: deps.db, queue: env.MAIL_QUEUE, log }, outcome.paidOrderId) : undefined,
  ]);
}
