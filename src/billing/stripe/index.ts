// The shop's Stripe client (fetch-based, see client.ts), pointed at STRIPE_API_URL (the simulator in dev/tests),
// and the billing helpers around it.
import type { Config } from '../../config/index.ts';
import { createStripeClient, type StripeClient } from './client.ts';

export type { Stripe } from 'stripe';
export type { StripeClient } from './client.ts';
export { StripeError, type StripeErrorType } from './errors.ts';

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

/** A Stripe failure the API reports as 502 `payment_provider_unavailable` without Stripe's internals. */
export class PaymentProviderError extends Error {
  readonly status = 502;
  readonly code = 'payment_provider_unavailable';
  readonly expose = true;
  constructor(cause: unknown) {
    super('The payment provider is unavailable. No payment was taken; please try again in a moment.', { cause });
    this.name = 'PaymentProviderError';
  }
}

/** The id in one of Stripe's expandable fields: the id itself, or the object once expanded. */
export function expandableId(value: string | { id: string } | null | undefined): string | null {
  return typeof value === 'string' ? value : (value?.id ?? null);
}
