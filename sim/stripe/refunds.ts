// Refunds of a paid charge as Stripe makes them (docs.stripe.com/api/refunds/create): at most what is left of the
// charge, refused once a chargeback took the money; each emits `refund.created` with the refund and `charge.refunded`
// with the charge's cumulative `amount_refunded`. A refund can fail later ("If a refund fails, its status transitions
// to failed", docs.stripe.com/refunds#failed-refunds, e.g. the card was closed): its amount goes back to the merchant's
// balance and off the charge, with `refund.updated` and `refund.failed`.
import { nowSeconds } from './clock.ts';
import { emit, type SimEvent } from './delivery.ts';
import { SimStateError } from './lifecycle.ts';
import { chargeRefundable, refunds, type SimCharge, type SimRefund, stripeId } from './objects.ts';

export function refund(
  charge: SimCharge,
  amount: number | null,
  reason: string | null,
  metadata: Record<string, string> = {},
): { refund: SimRefund; events: SimEvent[] } {
  if (!charge.paid) throw new SimStateError(`Charge ${charge.id} was not paid.`);
  if (!chargeRefundable(charge))
    throw new SimStateError(`Charge ${charge.id} has been charged back; cannot issue a refund.`);
  const left = charge.amount - charge.amount_refunded;
  const value = amount ?? left;
  if (value <= 0 || value > left)
    throw new SimStateError(`Refund amount (${value}) is greater than unrefunded amount on charge (${left}).`);
  const created: SimRefund = {
    id: stripeId('re'),
    object: 'refund',
    amount: value,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    failure_reason: null,
    metadata,
    payment_intent: charge.payment_intent,
    reason,
    status: 'succeeded',
  };
  refunds.set(created.id, created);
  charge.amount_refunded += value;
  charge.refunded = charge.amount_refunded === charge.amount;
  return { refund: created, events: [emit('refund.created', created), emit('charge.refunded', charge)] };
}

/** Refund failure reasons Stripe names (stripe-node 23.1.0's Refund.failure_reason). */
export const REFUND_FAILURES = ['lost_or_stolen_card', 'expired_or_canceled_card', 'unknown'] as const;

/** The bank could not return the money: the refund fails and its amount is the merchant's again. */
export function failRefund(refunded: SimRefund, charge: SimCharge, reason: string): SimEvent[] {
  if (refunded.status !== 'succeeded' && refunded.status !== 'pending')
    throw new SimStateError(`Refund ${refunded.id} is ${refunded.status}; only a pending or succeeded one can fail.`);
  refunded.status = 'failed';
  refunded.failure_reason = reason;
  charge.amount_refunded -= refunded.amount;
  charge.refunded = false;
  return [emit('refund.updated', refunded), emit('refund.failed', refunded)];
}
