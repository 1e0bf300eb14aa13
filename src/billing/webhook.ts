// Stripe webhooks, once verified (signature.ts): "record what happened" — the event id and the durable state change
// it implies, committed together in one D1 batch. Making the upstream key match is reconcile.ts's job.
import { eq } from 'drizzle-orm';
import { stripeEvents } from '../../schema.ts';
import { auditStatement } from '../audit/index.ts';
import { customerExists } from '../customers/index.ts';
import type { BatchStatement, Db } from '../db/index.ts';
import { markOwedStatement as markKeyOwedStatement } from '../keys/index.ts';
import type { Logger } from '../log.ts';
import * as z from '../zod.ts';
import { DISPUTE_EVENTS, disputeSchema, recordDisputeStatements, type StripeDispute } from './disputes.ts';
import {
  findOrder,
  insertOrderStatement,
  linkStripeIdsStatement,
  markPaidStatement,
  markSettlingStatement,
  markUnpaidStatement,
  type OrderSnapshot,
  recordRefundStatement,
  snapshotFromMetadata,
} from './orders.ts';
import { expandableId } from './stripe/index.ts';

// ── event shapes (only the fields the shop reads; Stripe sends many more) ─────────────────────────

const metadata = z.record(z.string(), z.string());

const eventSchema = z.object({
  id: z.string().check(z.regex(/^evt_[A-Za-z0-9_]{1,250}$/)),
  type: z.string(),
  created: z.number(),
  /** False for test-mode events (test keys, test cards): a production shop ignores them. */
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const sessionSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.literal('checkout.session'),
  payment_status: z.string(),
  status: z.nullable(z.string()),
  client_reference_id: z.optional(z.nullable(z.string())),
  payment_intent: z.optional(z.nullable(z.union([z.string(), z.object({ id: z.string() })]))),
  metadata: z.optional(z.nullable(metadata)),
});

const chargeSchema = z.object({
  id: z.string(),
  object: z.literal('charge'),
  amount: z.int(),
  amount_refunded: z.int(),
  payment_intent: z.optional(z.nullable(z.union([z.string(), z.object({ id: z.string() })]))),
  metadata: z.optional(z.nullable(metadata)),
});

export type StripeEventEnvelope = z.infer<typeof eventSchema>;

export const HANDLED_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
  ...DISPUTE_EVENTS,
]);

export class WebhookPayloadError extends Error {
  readonly status = 400;
  readonly code = 'invalid_event';
}

/** Parses a verified body into the event envelope. */
export function parseEvent(rawBody: string): StripeEventEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookPayloadError('The event is not valid JSON.');
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) throw new WebhookPayloadError('The event does not have the shape of a Stripe event.');
  return parsed.data;
}

export interface EventOutcome {
  /** 'applied': recorded now; 'duplicate': this event id was recorded before; 'ignored': not ours or not handled. */
  result: 'applied' | 'duplicate' | 'ignored';
  /** The customer whose key must now converge (set when an order became paid or lost GB). */
  reconcileCustomerId?: string;
  /** The order that became paid with this event (for the receipt). */
  paidOrderId?: string;
  reason?: string;
}

async function eventSeen(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, id)).limit(1);
  return Boolean(row);
}

/**
 * Applies one verified event: the event id is inserted FIRST in the same batch as the state change it implies,
 * so either both are committed or neither is (a crash loses nothing; a retry redoes it). A second delivery of the
 * same id fails the insert, the whole batch rolls back, and it is answered as a duplicate.
 * `liveOnly` (production): test-mode events are acknowledged and ignored.
 */
export async function applyStripeEvent(
  db: Db,
  event: StripeEventEnvelope,
  log: Logger,
  { liveOnly, now = Date.now() }: { liveOnly: boolean; now?: number },
): Promise<EventOutcome> {
  if (!HANDLED_EVENTS.has(event.type)) return { result: 'ignored', reason: 'unhandled type' };
  // A test-mode event reaching a production shop (its endpoint also registered in test mode, or a test key in use)
  // is acknowledged so Stripe stops retrying, and changes nothing: a test card must never buy real traffic.
  if (liveOnly && !event.livemode) {
    log.warn('stripe test-mode event ignored in production', { eventId: event.id, type: event.type });
    return { result: 'ignored', reason: 'test mode' };
  }
  if (await eventSeen(db, event.id)) return { result: 'duplicate' };

  const plan = await planEvent(db, event, log, now);
  const recordEvent = db
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, receivedAt: now, processedAt: now });
  try {
    await db.batch([recordEvent, ...plan.statements] as [BatchStatement, ...BatchStatement[]]);
  } catch (err) {
    // Lost a race with a concurrent delivery of the same event: its batch won, ours rolled back whole.
    if (await eventSeen(db, event.id)) return { result: 'duplicate' };
    throw err;
  }
  return plan.outcome;
}

interface Plan {
  statements: BatchStatement[];
  outcome: EventOutcome;
}

const ignored = (reason: string): Plan => ({ statements: [], outcome: { result: 'ignored', reason } });

async function planEvent(db: Db, event: StripeEventEnvelope, log: Logger, now: number): Promise<Plan> {
  const object = event.data.object;
  if (DISPUTE_EVENTS.has(event.type)) {
    const dispute = disputeSchema.safeParse(object);
    if (!dispute.success) return ignored('malformed dispute');
    return planDispute(db, event, dispute.data, log, now);
  }
  if (event.type === 'charge.refunded') {
    const charge = chargeSchema.safeParse(object);
    if (!charge.success) return ignored('malformed charge');
    return planRefund(db, event, charge.data, log, now);
  }
  const session = sessionSchema.safeParse(object);
  if (!session.success) return ignored('malformed checkout session');
  return planSession(db, event, session.data, log, now);
}

/** Finds the order an object refers to, recording it from the snapshot in metadata if it is missing. */
async function locateOrder(
  db: Db,
  snapshot: OrderSnapshot | null,
  by: { sessionId?: string; paymentIntentId?: string },
  now: number,
): Promise<{ orderId: string; customerId: string; gb: number; create: BatchStatement[] } | null> {
  const existing = await findOrder(db, { id: snapshot?.orderId, ...by });
  if (existing) return { orderId: existing.id, customerId: existing.customerId, gb: existing.gb, create: [] };
  // The pending row may be missing (a crash between creating the Checkout Session and recording it):
  // the snapshot in Stripe's metadata is enough to record the order now.
  if (!snapshot || !(await customerExists(db, snapshot.customerId))) return null;
  return {
    orderId: snapshot.orderId,
    customerId: snapshot.customerId,
    gb: snapshot.gb,
    create: [insertOrderStatement(db, snapshot, by.sessionId ?? null, now)],
  };
}

async function planSession(
  db: Db,
  event: StripeEventEnvelope,
  session: z.infer<typeof sessionSchema>,
  log: Logger,
  now: number,
): Promise<Plan> {
  const snapshot = snapshotFromMetadata(session.metadata);
  const found = await locateOrder(db, snapshot, { sessionId: session.id }, now);
  if (!found) {
    log.warn('stripe event for a checkout session this shop did not create', { eventId: event.id, type: event.type });
    return ignored('unknown session');
  }
  const { orderId, customerId } = found;
  const statements: BatchStatement[] = [
    ...found.create,
    linkStripeIdsStatement(db, orderId, session.id, expandableId(session.payment_intent)),
  ];
  const audit = (action: string) =>
    auditStatement(db, {
      actor: 'system',
      action,
      customerId,
      detail: { orderId, stripeEventId: event.id, sessionId: session.id },
    });
  const paidAt = event.created * 1000;

  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      // Fulfil only when the money is there: a completed session with a delayed payment method is 'unpaid'.
      if (session.payment_status !== 'paid') {
        statements.push(markSettlingStatement(db, orderId));
        return { statements, outcome: { result: 'applied', reason: 'awaiting payment' } };
      }
      statements.push(
        markPaidStatement(db, orderId, paidAt),
        markKeyOwedStatement(db, customerId, now),
        audit('order.paid'),
      );
      return { statements, outcome: { result: 'applied', reconcileCustomerId: customerId, paidOrderId: orderId } };
    case 'checkout.session.async_payment_failed':
      statements.push(markUnpaidStatement(db, orderId, 'failed'), audit('order.payment_failed'));
      return { statements, outcome: { result: 'applied' } };
    case 'checkout.session.expired':
      statements.push(markUnpaidStatement(db, orderId, 'expired'));
      return { statements, outcome: { result: 'applied' } };
    default:
      return ignored('unhandled type');
  }
}

async function planRefund(
  db: Db,
  event: StripeEventEnvelope,
  charge: z.infer<typeof chargeSchema>,
  log: Logger,
  now: number,
): Promise<Plan> {
  const snapshot = snapshotFromMetadata(charge.metadata);
  const found = await locateOrder(
    db,
    snapshot,
    { paymentIntentId: expandableId(charge.payment_intent) ?? undefined },
    now,
  );
  if (!found) {
    log.warn('stripe refund for a charge this shop does not know', { eventId: event.id, chargeId: charge.id });
    return ignored('unknown charge');
  }
  const { orderId, customerId } = found;
  return {
    statements: [
      ...found.create,
      linkStripeIdsStatement(db, orderId, null, expandableId(charge.payment_intent)),
      recordRefundStatement(db, { id: orderId, gb: found.gb }, charge.amount_refunded, charge.amount),
      markKeyOwedStatement(db, customerId, now),
      auditStatement(db, {
        actor: 'system',
        action: 'order.refunded',
        customerId,
        detail: {
          orderId,
          stripeEventId: event.id,
          chargeId: charge.id,
          amountRefunded: charge.amount_refunded,
          amount: charge.amount,
        },
      }),
    ],
    outcome: { result: 'applied', reconcileCustomerId: customerId },
  };
}

/**
 * A dispute of a paid order, at any point of its life: its state is recorded and the order's held GB recomputed
 * (see disputes.ts); the key then converges to the new cap, and the audit log flags it for the operator.
 */
async function planDispute(
  db: Db,
  event: StripeEventEnvelope,
  dispute: StripeDispute,
  log: Logger,
  now: number,
): Promise<Plan> {
  const paymentIntentId = expandableId(dispute.payment_intent);
  const order = paymentIntentId ? await findOrder(db, { paymentIntentId }) : undefined;
  if (!order) {
    log.warn('stripe dispute for a charge this shop does not know', { eventId: event.id, disputeId: dispute.id });
    return ignored('unknown charge');
  }
  return {
    statements: [
      ...recordDisputeStatements(db, order, dispute, event.created * 1000),
      markKeyOwedStatement(db, order.customerId, now),
      auditStatement(db, {
        actor: 'system',
        action: event.type.replace(/^charge\./, ''),
        customerId: order.customerId,
        detail: {
          orderId: order.id,
          stripeEventId: event.id,
          disputeId: dispute.id,
          status: dispute.status,
          reason: dispute.reason,
          amount: dispute.amount,
          currency: dispute.currency,
        },
      }),
    ],
    outcome: { result: 'applied', reconcileCustomerId: order.customerId },
  };
}

/**
 * The success redirect can beat the webhook: the owner's order page asks Stripe directly, and a session that is
 * paid is recorded exactly as the webhook would record it (statuses only move forward, so both may run).
 */
export async function applyRetrievedSession(db: Db, session: unknown, now = Date.now()): Promise<EventOutcome> {
  const parsed = sessionSchema.safeParse(session);
  if (!parsed.success) return { result: 'ignored', reason: 'malformed checkout session' };
  const s = parsed.data;
  const order = await findOrder(db, { sessionId: s.id, id: snapshotFromMetadata(s.metadata)?.orderId });
  if (!order) return { result: 'ignored', reason: 'unknown session' };
  if (order.status !== 'pending' || s.status !== 'complete' || s.payment_status !== 'paid')
    return { result: 'ignored', reason: 'nothing new' };
  await db.batch([
    linkStripeIdsStatement(db, order.id, s.id, expandableId(s.payment_intent)),
    markPaidStatement(db, order.id, now),
    markKeyOwedStatement(db, order.customerId, now),
    auditStatement(db, {
      actor: 'system',
      action: 'order.paid',
      customerId: order.customerId,
      detail: { orderId: order.id, sessionId: s.id, via: 'success redirect' },
    }),
  ]);
  return { result: 'applied', reconcileCustomerId: order.customerId, paidOrderId: order.id };
}
