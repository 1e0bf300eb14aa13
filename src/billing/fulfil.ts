// The slow part after a payment or refund is durably recorded: converge the customer's key, queue the receipt.
import type { Services } from '../services/index.ts';
import { sendReceiptOnce } from './receipts.ts';
import { reconcileCustomerKey } from './reconcile.ts';
import type { EventOutcome } from './webhook.ts';

/** Runs both side by side; never throws (failures are recorded for the cron to retry). */
export async function fulfil(
  services: Pick<Services, 'db' | 'pool' | 'config' | 'mail' | 'log' | 'clock'>,
  outcome: Pick<EventOutcome, 'reconcileCustomerId' | 'paidOrderId'>,
): Promise<void> {
  await Promise.allSettled([
    outcome.reconcileCustomerId ? reconcileCustomerKey(services, outcome.reconcileCustomerId) : undefined,
    outcome.paidOrderId ? sendReceiptOnce(services, outcome.paidOrderId) : undefined,
  ]);
}
