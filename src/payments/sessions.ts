// Checkout Session events: a completed session is paid only when the money is there (a delayed payment method
// settles later, keeping its GB reserved meanwhile); a failed or abandoned one frees them. The success redirect can
// beat the webhook, so the order page records a paid session it asked Stripe about exactly as the webhook would.
import { auditStatement } from '../audit/index.ts';
import type { BatchStatement, Db } from '../db/index.ts';
import { markOwedStatement as markKeyOwedStatement } from '../keys/index.ts';
import type { Logger } from '../log.ts';
import {
  type Charged,
  findOrder,
  linkStripeIdsStatement,
  locateOrder,
  markPaidStatement,
  markSettlingStatement,
  markUnpaidStatement,
  snapshotFromMetadata,
} from '../orders/index.ts';
import {
  type EventOutcome,
  type EventPlan,
  expandable,
  expandableId,
  ignored,
  metadata,
  type StripeEventEnvelope,
} from '../stripe/index.ts';
import * as z from '../zod.ts';

/** Only the fields the shop reads; Stripe sends many more. */
export const sessionSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.literal('checkout.session'),
  payment_status: z.string(),
  status: z.nullable(z.string()),
  client_reference_id: z.optional(z.nullable(z.string())),
  payment_intent: z.optional(z.nullable(expandable)),
  metadata: z.optional(z.nullable(metadata)),
  /** What Stripe charged: after promotion codes, tax included (shown apart in total_details). */
  amount_total: z.optional(z.nullable(z.int())),
  total_details: z.optional(
    z.nullable(z.object({ amount_discount: z.optional(z.int()), amount_tax: z.optional(z.int()) })),
  ),
});

type Session = z.infer<typeof sessionSchema>;

/**
 * Whether the money is there: paid, or nothing was due — a no-cost order (a 100 %-off code, or an amount off at least
 * the price) completes `no_payment_required` with no PaymentIntent (docs.stripe.com/payments/checkout/no-cost-orders).
 */
const settled = (s: Session) => s.payment_status === 'paid' || s.payment_status === 'no_payment_required';

/** What a paid session charged for the order: null when Stripe's answer does not say (the tier's price stands). */
function chargedOf(session: Session): Charged | null {
  if (typeof session.amount_total !== 'number') return null;
  const tax = session.total_details?.amount_tax ?? 0;
  return { price: session.amount_total - tax, discount: session.total_details?.amount_discount ?? 0, tax };
}

/** The order is paid, its customer's key owes a reconcile, and the audit log says so: one batch's worth. */
function paidStatements(
  db: Db,
  order: { orderId: string; customerId: string },
  session: Session,
  paidAt: number,
  now: number,
  detail: Record<string, unknown>,
): BatchStatement[] {
  return [
    markPaidStatement(db, order.orderId, paidAt, chargedOf(session)),
    markKeyOwedStatement(db, order.customerId, now),
    auditStatement(db, { actor: 'system', action: 'order.paid', customerId: order.customerId, detail, at: now }),
  ];
}

export async function planSession(db: Db, event: StripeEventEnvelope, log: Logger, now: number): Promise<EventPlan> {
  const parsed = sessionSchema.safeParse(event.data.object);
  if (!parsed.success) return ignored('malformed checkout session');
  const session = parsed.data;
  const found = await locateOrder(db, snapshotFromMetadata(session.metadata), { sessionId: session.id }, now);
  if (!found) {
    log.warn('stripe event for a checkout session this shop did not create', { eventId: event.id, type: event.type });
    return ignored('unknown session');
  }
  const { orderId, customerId } = found;
  const statements: BatchStatement[] = [
    ...found.create,
    linkStripeIdsStatement(db, orderId, session.id, expandableId(session.payment_intent)),
  ];
  const detail = { orderId, stripeEventId: event.id, sessionId: session.id };

  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      // Fulfil only when the money is there: a completed session with a delayed payment method is 'unpaid'.
      if (!settled(session)) {
        statements.push(markSettlingStatement(db, orderId));
        return { statements, outcome: { result: 'applied', reason: 'awaiting payment' } };
      }
      statements.push(...paidStatements(db, found, session, event.created * 1000, now, detail));
      return { statements, outcome: { result: 'applied', reconcileCustomerId: customerId, paidOrderId: orderId } };
    case 'checkout.session.async_payment_failed':
      statements.push(
        markUnpaidStatement(db, orderId, 'failed'),
        auditStatement(db, { actor: 'system', action: 'order.payment_failed', customerId, detail, at: now }),
      );
      return { statements, outcome: { result: 'applied' } };
    case 'checkout.session.expired':
      statements.push(markUnpaidStatement(db, orderId, 'expired'));
      return { statements, outcome: { result: 'applied' } };
    default:
      return ignored('unhandled type');
  }
}

/**
 * A session the order page (or the console) asked Stripe about: a paid one is recorded exactly as the webhook would
 * record it (statuses only move forward, so both may run).
 */
export async function applyRetrievedSession(db: Db, session: unknown, now: number): Promise<EventOutcome> {
  const parsed = sessionSchema.safeParse(session);
  if (!parsed.success) return { result: 'ignored', reason: 'malformed checkout session' };
  const s = parsed.data;
  const order = await findOrder(db, { sessionId: s.id, id: snapshotFromMetadata(s.metadata)?.orderId });
  if (!order) return { result: 'ignored', reason: 'unknown session' };
  if (order.status !== 'pending' || s.status !== 'complete' || !settled(s))
    return { result: 'ignored', reason: 'nothing new' };
  const paid = { orderId: order.id, customerId: order.customerId };
  await db.batch([
    linkStripeIdsStatement(db, order.id, s.id, expandableId(s.payment_intent)),
    ...paidStatements(db, paid, s, now, now, { orderId: order.id, sessionId: s.id, via: 'success redirect' }),
  ]);
  return { result: 'applied', reconcileCustomerId: order.customerId, paidOrderId: order.id };
}
