// The auth domain's one error type; the API answers each code with its status and {error: {code, message}}.
import { DomainError, type DomainErrorOptions } from '../domain-error.ts';

export type AuthErrorCode = 'invalid_link' | 'rate_limited' | 'mail_unavailable' | 'unavailable';

const STATUS: Record<AuthErrorCode, number> = {
  invalid_link: 400,
  rate_limited: 429,
  mail_unavailable: 503,
  unavailable: 503,
};

export class AuthError extends DomainError<AuthErrorCode> {
  override readonly name = 'AuthError';
  constructor(code: AuthErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, STATUS, options);
  }
}
