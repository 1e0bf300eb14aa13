// What a domain throws when a request cannot be done: a code from the domain's own list, answered with the HTTP
// status that code maps to. The API's onError (src/http/errors.ts) answers every DomainError the same way:
// `status`, `code` and `publicMessage`, and Retry-After when `retryAfterSeconds` is set.

import { type Words, words } from './shared/i18n/translate.ts';

/** What the asker reads when the real reason is for the operator's log only. */
export const UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable. Please try again shortly.';

export interface DomainErrorOptions {
  /**
   * What the asker reads when `message` is written for the operator (its log) and not for them: a broken config, an
   * upstream's answer. Default: `message` itself.
   */
  publicMessage?: string;
  /** Sent as Retry-After (a 429 or 503 that knows when trying again makes sense). */
  retryAfterSeconds?: number;
  /** The public message in the catalogs, written in the asker's language (src/http/errors.ts); else it reads
   * `publicMessage` as written. */
  words?: Words;
  cause?: unknown;
}

export class DomainError<Code extends string = string> extends Error {
  readonly status: number;
  readonly code: Code;
  /** Whether `message` is written for the person who asked (else they read `publicMessage`). */
  readonly expose: boolean;
  readonly publicMessage: string;
  readonly retryAfterSeconds: number | undefined;
  readonly words: Words | undefined;
  constructor(code: Code, message: string, statusOf: Record<Code, number>, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = statusOf[code];
    this.expose = options.publicMessage === undefined;
    this.publicMessage = options.publicMessage ?? message;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.words = options.words ?? (this.publicMessage === UNAVAILABLE_MESSAGE ? words('error.unavailable') : undefined);
  }
}
