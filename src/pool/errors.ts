// Errors of the Proxies.sx client. Every one reaches a customer as a generic 503 `upstream_unavailable`: an upstream
// 401/403 is the reseller's problem, never "unauthorized" to a customer. The message, the upstream's own status,
// request id and raw body are for the operator's log.
import { DomainError, UNAVAILABLE_MESSAGE } from '../domain-error.ts';

export type UpstreamErrorKind = 'http' | 'timeout' | 'network' | 'shape' | 'config';

export interface UpstreamErrorDetails {
  operation: string;
  upstreamStatus?: number;
  upstreamRequestId?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  /** The raw response text, truncated, secrets masked: for logs only. */
  body?: string;
  attempts?: number;
  cause?: unknown;
}

export class UpstreamError extends DomainError<'upstream_unavailable'> {
  override readonly name = 'UpstreamError';
  readonly kind: UpstreamErrorKind;
  readonly operation: string;
  readonly upstreamStatus: number | undefined;
  readonly upstreamRequestId: string | undefined;
  /** Worth trying again later (429, 5xx, network, timeout). */
  readonly retryable: boolean;
  /** The reseller's API key was refused (401) or lacks scope (403): alert the operator. */
  readonly auth: boolean;
  readonly rateLimited: boolean;
  /** 404: the key id is unknown (or deleted, or another reseller's). */
  readonly notFound: boolean;
  readonly retryAfterMs: number | undefined;
  readonly body: string | undefined;
  readonly attempts: number;

  constructor(kind: UpstreamErrorKind, message: string, details: UpstreamErrorDetails) {
    super(
      'upstream_unavailable',
      message,
      { upstream_unavailable: 503 },
      { publicMessage: UNAVAILABLE_MESSAGE, cause: details.cause },
    );
    this.kind = kind;
    this.operation = details.operation;
    this.upstreamStatus = details.upstreamStatus;
    this.upstreamRequestId = details.upstreamRequestId;
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
    this.attempts = details.attempts ?? 1;
    const status = details.upstreamStatus;
    this.auth = status === 401 || status === 403;
    this.rateLimited = status === 429;
    this.notFound = status === 404;
    this.retryable =
      details.retryable ??
      (kind === 'timeout' || kind === 'network' || status === 429 || (status !== undefined && status >= 500));
  }

  /** Fields for a log line: never the API key or a pak secret. */
  toLog(): Record<string, unknown> {
    return {
      kind: this.kind,
      operation: this.operation,
      upstreamStatus: this.upstreamStatus,
      upstreamRequestId: this.upstreamRequestId,
      attempts: this.attempts,
      retryable: this.retryable,
      upstreamBody: this.body,
      message: this.message,
    };
  }
}

export function isUpstreamError(err: unknown): err is UpstreamError {
  return err instanceof UpstreamError;
}
