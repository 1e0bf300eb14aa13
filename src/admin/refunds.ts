// Refunds from the console: the operator asks Stripe to refund all or part of a paid order. Nothing changes in D1
// here: Stripe's `charge.refunded` takes the GB back through the webhook, exactly as a refund made in the Stripe
// dashboard does, so there is one refund path and it is exactly-once.
import { recordAuditOnce } from '../audit/index.ts';
import { sha256Hex } from '../crypto.ts';
import { findOrder } from '../orders/index.ts';
import type { Services } from '../services/index.ts';
import type { AdminActionAnswer } from '../shared/admin.ts';
import { gbForAmount } from '../shared/billing.ts';
import { formatMoney } from '../shared/format.ts';
import { StripeError } from '../stripe/index.ts';
import { findCustomer } from './customers.ts';
import { AdminError } from './errors.ts';
import { type Operator, operatorActor } from './operator.ts';

/** Stripe's refund reasons. */
export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;

export interface RefundInput {
  /** Minor units of the order's currency; everything not yet refunded when absent. */
  amount?: number;
  reason?: (typeof REFUND_REASONS)[number];
  /** The console's Idempotency-Key for this one confirmation: a retried click refunds once. */
  clientKey: string;
}

/** Stripe's answer to a refund it would not make, for the operator (Stripe's own message names the cause). */
function refundFailure(err: unknown): Error {
  if (err instanceof StripeError && err.type === 'idempotency_error')
    return new AdminError(
      'refund_conflict',
      err.statusCode === 409
        ? 'This refund is being made right now. Reload the page in a moment to see it.'
        : 'This confirmation was already used for a different refund. Close the dialog and start again.',
    );
  if (err instanceof StripeError && err.type === 'invalid_request_error')
    return new AdminError('refund_refused', `Stripe refused the refund: ${err.message}`);
  return new AdminError(
    'stripe_unavailable',
    'Stripe did not answer. Confirm the same dialog again: it will not refund twice.',
  );
}

export async function refundOrder(
  services: Pick<Services, 'db' | 'stripe' | 'log' | 'clock'>,
  operator: Operator,
  customerId: string,
  orderId: string,
  input: RefundInput,
): Promise<AdminActionAnswer> {
  const { db, log } = services;
  await findCustomer(db, customerId);
  const order = await findOrder(db, { id: orderId });
  if (!order || order.customerId !== customerId)
    throw new AdminError('order_not_found', 'This customer has no such order.');
  if (order.kind !== 'purchase' || !order.stripePaymentIntentId || !['paid', 'refunded'].includes(order.status))
    throw new AdminError('not_refundable', 'Only a paid Stripe purchase can be refunded.');
  const left = order.price - order.refundedAmount;
  if (left <= 0) throw new AdminError('not_refundable', 'This order is already refunded in full.');
  const amount = input.amount ?? left;
  if (amount > left)
    throw new AdminError(
      'refund_too_large',
      `At most ${formatMoney(left, order.currency)} of this order is left to refund.`,
    );

  const idempotencyKey = `refund-${(await sha256Hex(`${order.id}:${input.clientKey}`)).slice(0, 48)}`;
  let refund: Awaited<ReturnType<Services['stripe']['refunds']['create']>>;
  try {
    refund = await services.stripe.refunds.create(
      {
        payment_intent: order.stripePaymentIntentId,
        amount,
        reason: input.reason ?? 'requested_by_customer',
        metadata: { shop_order_id: order.id, shop_source: 'console' },
      },
      { idempotencyKey },
    );
  } catch (err) {
    log.warn('admin: refund not made', { customerId, orderId: order.id, err });
    throw refundFailure(err);
  }
  const gbBack = Math.max(0, gbForAmount(order.gb, order.refundedAmount + amount, order.price) - order.refundedGb);
  // A retried click gets Stripe's first answer (the same refund): the refund happened once, so it is audited once.
  const first = await recordAuditOnce(db, {
    id: `refund:${refund.id}`,
    actor: operatorActor(operator),
    action: 'admin.refund',
    customerId,
    detail: { orderId: order.id, refundId: refund.id, amount, currency: order.currency, gb: gbBack },
    requestId: operator.requestId,
    at: services.clock.now(),
  });
  const money = formatMoney(refund.amount, order.currency);
  if (!first)
    return {
      action: 'refund',
      message: `This refund of ${money} was already made (${refund.id}); nothing more was refunded.`,
    };
  log.info('admin: refund made', { customerId, orderId: order.id, refundId: refund.id, amount });
  return {
    action: 'refund',
    message: `Refund of ${money} made in Stripe (${refund.id}). The customer's cap drops by ${gbBack} GB as soon as Stripe confirms it.`,
  };
}
