// The slow part after a payment or refund is durably recorded: converge the customer's key, queue the receipt, or
// tell the customer their auto top-up needs them.
import { sendPausedNoticeOnce } from '../refill/notice.ts';
import type { Services } from '../services/index.ts';
import type { EventOutcome } from './event-plan.ts';
import { sendReceiptOnce } from './receipts.ts';
import { reconcileCustomerKey } from './reconcile.ts';

/** Runs them side by side; never throws (failures are recorded for the cron to retry). */
export async function fulfil(
  services: Pick<Services, 'db' | 'pool' | 'config' | 'mail' | 'log' | 'clock'>,
  outcome: Pick<EventOutcome, 'reconcileCustomerId' | 'paidOrderId' | 'pausedChargeId'>,
): Promise<void> {
  await Promise.allSettled([
    outcome.reconcileCustomerId ? reconcileCustomerKey(services, outcome.reconcileCustomerId) : undefined,
    outcome.paidOrderId ? sendReceiptOnce(services, outcome.paidOrderId) : undefined,
    outcome.pausedChargeId ? sendPausedNoticeOnce(services, outcome.pausedChargeId) : undefined,
  ]);
}
