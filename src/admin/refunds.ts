// Refunds from the console: the operator asks Stripe to refund all or part of a paid order — up to everything the
// customer paid, tax included. The order's GB move when Stripe's refund event arrives (the webhook), exactly as
// after a refund made in the Stripe dashboard, so there is one refund path. The confirmation that asked is kept with
// the refund (and in its metadata), so the same confirmation never refunds twice, even after Stripe forgot its
// idempotency key (24 h).
import { recordAuditOnce } from '../audit/index.ts';
import { sha256Hex } from '../crypto.ts';
import {
  findOrder,
  REFUND_REQUEST_METADATA_KEY,
  refundOfRequest,
  rememberRefundRequestStatement,
} from '../orders/index.ts';
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

const reusedConfirmation = () =>
  new AdminError(
    'refund_conflict',
    'This confirmation was already used for a different refund. Close the dialog and start again.',
  );

/** Stripe's answer to a refund it would not make, for the operator (Stripe's own message names the cause). */
function refundFailure(err: unknown): Error {
  if (err instanceof StripeError && err.statusCode === 409)
    return new AdminError(
      'refund_conflict',
      'This refund is being made right now. Reload the page in a moment to see it.',
    );
  if (err instanceof StripeError && err.type === 'idempotency_error') return reusedConfirmation();
  if (err instanceof StripeError && err.type === 'invalid_request_error')
    return new AdminError('refund_refused', `Stripe refused the refund: ${err.message}`);
  return new AdminError(
    'stripe_unavailable',
    'Stripe did not answer. Confirm the same dialog again: it will not refund twice.',
  );
}

const already = (amount: number, currency: string, refundId: string): AdminActionAnswer => ({
  action: 'refund',
  message: `This refund of ${formatMoney(amount, currency)} was already made (${refundId}); nothing more was refunded.`,
});

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
  const requestKey = `refund-${(await sha256Hex(`${order.id}:${input.clientKey}`)).slice(0, 48)}`;
  const made = await refundOfRequest(db, order.id, requestKey);
  if (made && input.amount !== undefined && input.amount !== made.amount) throw reusedConfirmation();
  if (made) return already(made.amount, order.currency, made.id);
  // What the customer paid: the price after promotion codes, plus the tax Stripe added (refunded with it).
  const charged = order.price + order.tax;
  const left = charged - order.refundedAmount;
  if (left <= 0) throw new AdminError('not_refundable', 'This order is already refunded in full.');
  const amount = input.amount ?? left;
  if (amount > left)
    throw new AdminError(
      'refund_too_large',
      `At most ${formatMoney(left, order.currency)} of this order is left to refund.`,
    );

  let refund: Awaited<ReturnType<Services['stripe']['refunds']['create']>>;
  try {
    refund = await services.stripe.refunds.create(
      {
        payment_intent: order.stripePaymentIntentId,
        amount,
        reason: input.reason ?? 'requested_by_customer',
        metadata: { shop_order_id: order.id, shop_source: 'console', [REFUND_REQUEST_METADATA_KEY]: requestKey },
      },
      { idempotencyKey: requestKey },
    );
  } catch (err) {
    log.warn('admin: refund not made', { customerId, orderId: order.id, err });
    throw refundFailure(err);
  }
  await rememberRefundRequestStatement(db, order, {
    id: refund.id,
    amount: refund.amount,
    status: refund.status ?? 'pending',
    failureReason: null,
    requestKey,
    createdAt: refund.created * 1000,
  });
  const gbBack = Math.max(0, gbForAmount(order.gb, order.refundedAmount + amount, charged) - order.refundedGb);
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
  if (!first) return already(refund.amount, order.currency, refund.id);
  log.info('admin: refund made', { customerId, orderId: order.id, refundId: refund.id, amount });
  return {
    action: 'refund',
    message: `Refund of ${formatMoney(refund.amount, order.currency)} made in Stripe (${refund.id}). The customer's cap drops by ${gbBack} GB as soon as Stripe confirms it.`,
  };
}
