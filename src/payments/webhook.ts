// The Stripe webhook: verified over the exact raw body, then "record what happened" — the event id and the durable
// state change it implies, committed together in one D1 batch — and answered; making the world match (the key, the
// receipt, a notice) follows the answer (follow-up.ts).
import { eq } from 'drizzle-orm';
import { stripeEvents } from '../../schema.ts';
import type { BatchStatement, Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import { planPaymentIntent } from '../refill/index.ts';
import type { Services } from '../services/index.ts';
import {
  DISPUTE_EVENTS,
  type EventOutcome,
  type EventPlan,
  INTENT_EVENTS,
  isOneOf,
  parseEvent,
  REFUND_EVENTS,
  type StripeEventEnvelope,
  verifyStripeSignature,
  WEBHOOK_EVENTS,
  WebhookError,
} from '../stripe/index.ts';
import { planDispute } from './disputes.ts';
import { followUp, owesFollowUp } from './follow-up.ts';
import type { PlanContext } from './lookup.ts';
import { planRefund } from './refunds.ts';
import { planSession } from './sessions.ts';

/** What a handled event changes, planned by the module that owns its kind of object. */
function planEvent(ctx: PlanContext, event: StripeEventEnvelope, log: Logger): Promise<EventPlan> {
  const { db, now } = ctx;
  if (isOneOf(INTENT_EVENTS, event.type)) return planPaymentIntent(db, event, log, now);
  if (isOneOf(DISPUTE_EVENTS, event.type)) return planDispute(ctx, event, log);
  if (isOneOf(REFUND_EVENTS, event.type)) return planRefund(ctx, event, log);
  return planSession(db, event, log, now);
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
async function applyStripeEvent(
  ctx: PlanContext,
  event: StripeEventEnvelope,
  log: Logger,
  liveOnly: boolean,
): Promise<EventOutcome> {
  const { db, now } = ctx;
  if (!isOneOf(WEBHOOK_EVENTS, event.type)) return { result: 'ignored', reason: 'unhandled type' };
  // A test-mode event reaching a production shop (its endpoint also registered in test mode, or a test key in use)
  // is acknowledged so Stripe stops retrying, and changes nothing: a test card must never buy real traffic.
  if (liveOnly && !event.livemode) {
    log.warn('stripe test-mode event ignored in production', { eventId: event.id, type: event.type });
    return { result: 'ignored', reason: 'test mode' };
  }
  // Side by side (one round trip's wait): a duplicate's plan is read for nothing, and never applied.
  const [seen, plan] = await Promise.all([eventSeen(db, event.id), planEvent(ctx, event, log)]);
  if (seen) return { result: 'duplicate' };
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

/**
 * One delivery of the webhook, from its raw body and Stripe-Signature header: nothing is parsed before the signature
 * holds. Answers once the event's state is durable; its follow-up runs after the answer.
 */
export async function receiveStripeEvent(
  services: Services,
  rawBody: string,
  signature: string | undefined,
): Promise<EventOutcome> {
  const { config, log, clock } = services;
  try {
    await verifyStripeSignature(rawBody, signature, config.stripe.webhookSecret, clock.now());
  } catch (err) {
    if (err instanceof WebhookError) log.warn('stripe webhook refused', { reason: err.message });
    throw err;
  }
  const event = parseEvent(rawBody);
  const ctx = { db: services.db, stripe: services.stripe, now: clock.now() };
  const outcome = await applyStripeEvent(
    ctx,
    event,
    log.with({ stripeEventId: event.id }),
    config.env === 'production',
  );
  log.info('stripe event', {
    stripeEventId: event.id,
    type: event.type,
    result: outcome.result,
    reason: outcome.reason,
  });
  if (owesFollowUp(outcome)) services.waitUntil(followUp(services, outcome));
  return outcome;
}
