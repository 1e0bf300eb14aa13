// The Stripe API client: stripe-node with its fetch HTTP client, pointed at STRIPE_API_URL (the simulator in dev/tests).
import Stripe from 'stripe';
import type { Config } from '../config/index.ts';

export type { Stripe };

const clients = new Map<string, Stripe>();

/** One client per (API URL, key) and isolate. stripe-node takes host/port/protocol only, never a base path. */
export function stripeClient(config: Pick<Config, 'stripe'>): Stripe {
  const { apiUrl, secretKey } = config.stripe;
  const cacheKey = `${apiUrl}\n${secretKey}`;
  let client = clients.get(cacheKey);
  if (!client) {
    const url = new URL(apiUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    client = new Stripe(secretKey, {
      httpClient: Stripe.createFetchHttpClient(),
      host: url.hostname,
      port: url.port || (protocol === 'http' ? 80 : 443),
      protocol,
      // Every POST carries an Idempotency-Key, so a retry after a timeout cannot charge or create twice.
      maxNetworkRetries: 1,
      timeout: 15_000,
      appInfo: { name: 'proxy-storefront' },
    });
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

/**
 * A card the bank refused (Stripe's 402 `card_error`): its code (`authentication_required`, `card_declined` …) and
 * the PaymentIntent it left behind; null for any other failure (Stripe down, a bug), which may be retried.
 */
export function cardRefusal(err: unknown): { code: string; paymentIntentId: string | null } | null {
  if (!(err instanceof Stripe.errors.StripeCardError)) return null;
  return { code: err.code ?? 'card_declined', paymentIntentId: err.payment_intent?.id ?? null };
}
