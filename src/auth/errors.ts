// The auth domain's one error type; the API maps `status` and `code` to {error: {code, message}}.

export class AuthError extends Error {
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;
  /** Sent as Retry-After with a 429. */
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, code: string, message: string, expose = false, retryAfterSeconds?: number) {
    super(message);
    this.name = 'AuthError';
    this.status = status;
    this.code = code;
    this.expose = expose;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
