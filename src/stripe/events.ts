// A verified Stripe event as the shop reads it (the envelope; each handler parses its own object), and what handling
// one plans: the D1 statements committed in one batch with the event id, and the work that follows the answer.
import type { BatchStatement } from '../db/index.ts';
import * as z from '../zod.ts';
import { WebhookError } from './errors.ts';

/** Stripe metadata: strings only. */
export const metadata = z.record(z.string(), z.string());

const eventSchema = z.object({
  id: z.string().check(z.regex(/^evt_[A-Za-z0-9_]{1,250}$/)),
  type: z.string(),
  created: z.number(),
  /** False for test-mode events (test keys, test cards): a production shop ignores them. */
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export type StripeEventEnvelope = z.infer<typeof eventSchema>;

/** Parses a verified body into the event envelope. */
export function parseEvent(rawBody: string): StripeEventEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookError('invalid_event', 'The event is not valid JSON.');
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) throw new WebhookError('invalid_event', 'The event does not have the shape of a Stripe event.');
  return parsed.data;
}

export interface EventOutcome {
  /** 'applied': recorded now; 'duplicate': this event id was recorded before; 'ignored': not ours or not handled. */
  result: 'applied' | 'duplicate' | 'ignored';
  /** The customer whose key must now converge (set when an order became paid or lost GB). */
  reconcileCustomerId?: string;
  /** The order that became paid with this event (for the receipt). */
  paidOrderId?: string;
  /** An auto top-up charge that failed with this event: the customer is mailed to finish it. */
  pausedChargeId?: string;
  reason?: string;
}

/** What one event changes: statements for the event's batch, and its outcome once they are committed. */
export interface EventPlan {
  statements: BatchStatement[];
  outcome: EventOutcome;
}

export const ignored = (reason: string): EventPlan => ({ statements: [], outcome: { result: 'ignored', reason } });
