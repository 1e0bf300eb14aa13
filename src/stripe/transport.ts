// One Stripe API call over fetch, following Stripe's public contract: `Authorization: Bearer`, the pinned
// `Stripe-Version`, form-encoded bodies, an `Idempotency-Key` on every POST, a timeout per attempt, retries (see
// retry.ts), and Stripe's error body turned into a StripeError.
import type Stripe from 'stripe';
import { errorFromAnswer, StripeError } from './errors.ts';
import { encodeStripeForm } from './form.ts';
import { type AttemptAnswer, retryDelayMs, shouldRetry } from './retry.ts';

/**
 * The API version stripe-node 23.1.0 pins, whose TypeScript types we use, so answers come in the shape they describe.
 * Checked against the SDK's own: upgrading the SDK's types without moving this pin fails the type check, and moving
 * it without re-checking the client fails test/stripe/conformance.ts.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

export interface StripeTransportOptions {
  /** Stripe's API origin, `https://api.stripe.com` (the simulator in dev and tests); calls go to its `/v1/`. */
  apiUrl: string;
  secretKey: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts after the first. */
  maxNetworkRetries: number;
}

export interface RequestOptions {
  /** Stripe answers a repeat of the same key with its first answer, so a retried call acts once. */
  idempotencyKey?: string;
}

export type StripeRequest = <T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  params?: object,
  options?: RequestOptions,
) => Promise<T>;

type Attempt = { answer: NonNullable<AttemptAnswer>; body: unknown; requestId: string | null } | { error: StripeError };

async function attempt(url: string, init: RequestInit, timeoutMs: number): Promise<Attempt> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    const requestId = response.headers.get('request-id');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { answer: { status: response.status, headers: response.headers }, body, requestId };
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    const message = timedOut
      ? `Request aborted due to timeout being reached (${timeoutMs}ms)`
      : 'An error occurred with our connection to Stripe.';
    return { error: new StripeError({ type: 'connection_error', message, timedOut, cause: err }) };
  }
}

export function stripeTransport(options: StripeTransportOptions): StripeRequest {
  const base = `${options.apiUrl.replace(/\/+$/, '')}/v1/`;
  return async <T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    params: object = {},
    request: RequestOptions = {},
  ) => {
    const form = encodeStripeForm(params);
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${options.secretKey}`,
      'stripe-version': STRIPE_API_VERSION,
    };
    if (method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      // Every POST is keyed, as stripe-node does: a retry after a lost answer is then Stripe's replay, never a
      // second charge, customer or refund. The generated key lives for this call's retries only.
      headers['idempotency-key'] = request.idempotencyKey ?? `stripe-fetch-retry-${crypto.randomUUID()}`;
    }
    // A GET or DELETE sends its parameters in the query string (stripe-node does the same).
    const url = method !== 'POST' && form ? `${base}${path}?${form}` : `${base}${path}`;
    const init: RequestInit = { method, headers, body: method === 'POST' ? form : undefined };
    for (let retries = 0; ; retries++) {
      const result = await attempt(url, init, options.timeoutMs);
      const answer = 'error' in result ? null : result.answer;
      if (retries < options.maxNetworkRetries && shouldRetry(answer)) {
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries)));
        continue;
      }
      if ('error' in result) throw result.error;
      const { status } = result.answer;
      if (status >= 200 && status < 300 && typeof result.body === 'object' && result.body !== null)
        return result.body as T;
      if (status >= 200 && status < 300)
        throw new StripeError({
          type: 'api_error',
          message: 'Invalid JSON received from the Stripe API',
          statusCode: status,
          requestId: result.requestId,
        });
      throw errorFromAnswer(status, result.body, result.requestId);
    }
  };
}
