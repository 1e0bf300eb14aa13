// A webhook delivery as Stripe sends it: the Stripe-Signature check over the exact raw body (Web Crypto), the event
// envelope it carries (each handler parses its own object), and what handling an event plans: the D1 statements
// committed in one batch with the event id, and the work that follows the answer.
import { hmacSha256Hex, timingSafeEqual } from '../crypto.ts';
import type { BatchStatement } from '../db/index.ts';
import * as z from '../zod.ts';
import { WebhookError } from './errors.ts';

/** Stripe's default: a signature older (or newer) than 5 minutes is refused, so a captured delivery cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;

const refused = (message: string) => new WebhookError('invalid_signature', message);

const TIMESTAMP = /^\d{1,12}$/;

/**
 * Verifies a `Stripe-Signature` header (`t=…,v1=…[,v1=…]`) over the exact raw body: HMAC-SHA256 of `${t}.${body}`
 * with the endpoint secret, any matching v1 accepted (Stripe sends several while a secret is being rolled),
 * constant-time compare, |now − t| ≤ tolerance. There is no switch to skip it.
 */
export async function verifyStripeSignature(
  rawBody: string,
  header: string | null | undefined,
  secret: string,
  now: number,
  toleranceS = SIGNATURE_TOLERANCE_S,
): Promise<void> {
  if (!header) throw refused('Missing Stripe-Signature header.');
  if (!secret) throw refused('No webhook secret configured.');
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (timestamp !== undefined) throw refused('Malformed Stripe-Signature header.');
      timestamp = value;
    } else if (name === 'v1' && value) signatures.push(value);
  }
  if (!timestamp || !TIMESTAMP.test(timestamp)) throw refused('Malformed Stripe-Signature header.');
  if (signatures.length === 0) throw refused('No v1 signature in the Stripe-Signature header.');
  const expected = await hmacSha256Hex(secret, `${timestamp}.${rawBody}`);
  let matched = false;
  for (const signature of signatures) matched = timingSafeEqual(expected, signature) || matched;
  if (!matched) throw refused('The signature does not match the payload.');
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceS)
    throw refused('The signature timestamp is outside the tolerance.');
}

/** One of Stripe's expandable fields (an event object's `payment_intent`, `charge` …): an id, or the object. */
export const expandable = z.union([z.string(), z.object({ id: z.string() })]);

/** The id in an expandable field: the id itself, or the object's once expanded. */
export function expandableId(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}

/** Stripe metadata: strings only. */
export const metadata = z.record(z.string(), z.string());

export const eventSchema = z.object({
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
