// What a failed Stripe call throws: Stripe's own error (its `type`, `code`, `decline_code`, `param`, `message`, the
// HTTP status and the request id), or a connection failure (no answer, or none in time) with `type: 'connection_error'`.
// The status is `statusCode`, as in stripe-node, not `status`: an Error with `status` and `code` is taken for a shop
// error by src/http/errors.ts, and Stripe's wording must never reach a customer unwrapped. And the shop's own answers
// about Stripe: a webhook delivery refused, or the payment provider unavailable.
import { DomainError } from '../domain-error.ts';

/** Stripe's error types (https://docs.stripe.com/api/errors), and ours for a call that got no answer. */
export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'rate_limit_error'
  | 'connection_error';

interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  statusCode?: number | null;
  code?: string | null;
  declineCode?: string | null;
  param?: string | null;
  requestId?: string | null;
  paymentIntentId?: string | null;
  timedOut?: boolean;
  cause?: unknown;
}

export class StripeError extends Error {
  readonly type: StripeErrorType;
  /** The HTTP status Stripe answered; null when it did not answer. */
  readonly statusCode: number | null;
  /** e.g. `card_declined`, `authentication_required`, `resource_missing`. */
  readonly code: string | null;
  /** The bank's reason for a declined card, e.g. `insufficient_funds`. */
  readonly declineCode: string | null;
  /** The parameter Stripe found wrong. */
  readonly param: string | null;
  /** Stripe's `Request-Id`: quote it to Stripe support. */
  readonly requestId: string | null;
  /** The PaymentIntent a card error left behind (its last_payment_error says why). */
  readonly paymentIntentId: string | null;
  /** The call was abandoned after the client's timeout (Stripe may still have acted on it). */
  readonly timedOut: boolean;

  constructor(fields: StripeErrorFields) {
    super(fields.message, { cause: fields.cause });
    this.name = 'StripeError';
    this.type = fields.type;
    this.statusCode = fields.statusCode ?? null;
    this.code = fields.code ?? null;
    this.declineCode = fields.declineCode ?? null;
    this.param = fields.param ?? null;
    this.requestId = fields.requestId ?? null;
    this.paymentIntentId = fields.paymentIntentId ?? null;
    this.timedOut = fields.timedOut ?? false;
  }
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The error's type from the HTTP status, as stripe-node 23.1.0 classifies it (`generateV1Error`): Stripe answers a
 * wrong key (401), a forbidden call (403) and too many requests (429) with `type: invalid_request_error`, so the body's
 * type alone would call them bad requests.
 */
function typeOf(statusCode: number, rawType: string | null, code: string | null): StripeErrorType {
  if (statusCode === 429 || (statusCode === 400 && code === 'rate_limit')) return 'rate_limit_error';
  if (statusCode === 400 || statusCode === 404)
    return rawType === 'idempotency_error' ? 'idempotency_error' : 'invalid_request_error';
  if (statusCode === 401) return 'authentication_error';
  if (statusCode === 402) return 'card_error';
  if (statusCode === 403) return 'permission_error';
  return 'api_error';
}

/** The error of a non-2xx answer, from Stripe's `{error: {...}}` body (anything else is an `api_error`). */
export function errorFromAnswer(statusCode: number, body: unknown, requestId: string | null): StripeError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  const raw = typeof error === 'object' && error !== null ? error : {};
  const intent = raw.payment_intent as { id?: unknown } | undefined;
  const code = text(raw.code);
  return new StripeError({
    type: typeOf(statusCode, text(raw.type), code),
    message: text(raw.message) ?? `Stripe answered HTTP ${statusCode}.`,
    statusCode,
    code,
    declineCode: text(raw.decline_code),
    param: text(raw.param),
    requestId,
    paymentIntentId: text(intent?.id),
  });
}

/**
 * Whether the same call may succeed if sent again (Stripe's advice, docs.stripe.com/error-low-level): no answer, a
 * conflict with a request in progress (409), too many requests (429) or Stripe's own failure (5xx). Anything else is
 * Stripe's answer and sending it again changes nothing.
 */
export function mayRetry(err: unknown): boolean {
  if (!(err instanceof StripeError)) return false;
  const status = err.statusCode;
  return status === null || status === 409 || status === 429 || status >= 500;
}

export type StripeAnswerCode = 'invalid_signature' | 'invalid_event' | 'payment_provider_unavailable';

const STATUS: Record<StripeAnswerCode, number> = {
  invalid_signature: 400,
  invalid_event: 400,
  payment_provider_unavailable: 502,
};

/** A webhook delivery the shop refuses (not signed by Stripe, or not an event), answered 400 and changing nothing. */
export class WebhookError extends DomainError<StripeAnswerCode> {
  override readonly name = 'WebhookError';
  constructor(code: 'invalid_signature' | 'invalid_event', message: string) {
    super(code, message, STATUS);
  }
}

/** A Stripe failure the API reports as 502 `payment_provider_unavailable` without Stripe's internals. */
export class PaymentProviderError extends DomainError<StripeAnswerCode> {
  override readonly name = 'PaymentProviderError';
  constructor(cause: unknown) {
    super(
      'payment_provider_unavailable',
      'The payment provider is unavailable. No payment was taken; please try again in a moment.',
      STATUS,
      { cause },
    );
  }
}
