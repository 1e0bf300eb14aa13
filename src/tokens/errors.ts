// Errors of personal access tokens (the API's onError maps `status` and `code`; messages are for the customer).
import { DomainError, type DomainErrorOptions } from '../domain-error.ts';

export type TokenErrorCode =
  | 'unauthenticated'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'account_suspended'
  | 'too_many_tokens'
  | 'token_not_found';

const STATUS: Record<TokenErrorCode, number> = {
  unauthenticated: 401,
  invalid_token: 401,
  insufficient_scope: 403,
  account_suspended: 403,
  too_many_tokens: 409,
  token_not_found: 404,
};

export class TokenError extends DomainError<TokenErrorCode> {
  override readonly name = 'TokenError';
  constructor(code: TokenErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, STATUS, options);
  }
}
