// The slow part after a payment event is durably recorded (and Stripe has its answer): converge the customer's key,
// queue the receipt, or tell the customer their auto top-up needs them.
import { reconcileCustomerKey } from '../fulfilment/index.ts';
import { sendReceiptOnce } from '../orders/index.ts';
import { sendPausedNoticeOnce } from '../refill/index.ts';
import type { Services } from '../services/index.ts';
import type { EventOutcome } from '../stripe/index.ts';

export type FollowUp = Pick<EventOutcome, 'reconcileCustomerId' | 'paidOrderId' | 'pausedChargeId'>;

export const owesFollowUp = (outcome: FollowUp) =>
  Boolean(outcome.reconcileCustomerId || outcome.paidOrderId || outcome.pausedChargeId);

/** Runs them side by side; never throws (failures are recorded for the cron to retry). */
export async function followUp(
  services: Pick<Services, 'db' | 'pool' | 'config' | 'mail' | 'log' | 'clock' | 'kv'>,
  outcome: FollowUp,
): Promise<void> {
  await Promise.allSettled([
    outcome.reconcileCustomerId ? reconcileCustomerKey(services, outcome.reconcileCustomerId) : undefined,
    outcome.paidOrderId ? sendReceiptOnce(services, outcome.paidOrderId) : undefined,
    outcome.pausedChargeId ? sendPausedNoticeOnce(services, outcome.pausedChargeId) : undefined,
  ]);
}
