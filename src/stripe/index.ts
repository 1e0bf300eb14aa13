// Stripe as the shop speaks it: our own client (fetch-based, see client.ts) pointed at STRIPE_API_URL (the simulator
// in dev and tests), its errors, and the webhook's side: the signature over the raw body and the event envelope.
import type { Config } from '../config/index.ts';
import { createStripeClient, type StripeClient } from './client.ts';
import { StripeError } from './errors.ts';

export type { Stripe } from 'stripe';
export type { StripeClient } from './client.ts';
export { mayRetry, PaymentProviderError, StripeError, type StripeErrorType, WebhookError } from './errors.ts';
export { DISPUTE_EVENTS, INTENT_EVENTS, isOneOf, REFUND_EVENTS, WEBHOOK_EVENTS } from './events.ts';
export {
  type EventOutcome,
  type EventPlan,
  expandable,
  expandableId,
  ignored,
  metadata,
  parseEvent,
  type StripeEventEnvelope,
  verifyStripeSignature,
} from './webhook.ts';

/** Per attempt: Stripe answers in well under a second; a call this slow is treated as lost and retried once. */
export const STRIPE_TIMEOUT_MS = 15_000;

const clients = new Map<string, StripeClient>();

/** One client per (API URL, key) and isolate. */
export function stripeClient(config: Pick<Config, 'stripe'>): StripeClient {
  const { apiUrl, secretKey } = config.stripe;
  const cacheKey = `${apiUrl}\n${secretKey}`;
  let client = clients.get(cacheKey);
  if (!client) {
    // Every POST carries an Idempotency-Key, so a retry after a timeout cannot charge or create twice.
    client = createStripeClient({ apiUrl, secretKey, timeoutMs: STRIPE_TIMEOUT_MS, maxNetworkRetries: 1 });
    clients.set(cacheKey, client);
  }
  return client;
}

/**
 * A card the bank refused (Stripe's 402 `card_error`): its code (`authentication_required`, `card_declined` …), the
 * bank's decline code (a soft decline is `card_declined` with `authentication_required`) and the PaymentIntent it
 * left behind; null for any other failure.
 */
export function cardRefusal(
  err: unknown,
): { code: string; declineCode: string | null; paymentIntentId: string | null } | null {
  if (!(err instanceof StripeError) || err.type !== 'card_error') return null;
  return { code: err.code ?? 'card_declined', declineCode: err.declineCode, paymentIntentId: err.paymentIntentId };
}
