// Errors of the customer's key (the API's onError maps `status` and `code`; messages are for the customer).
import { DomainError, type DomainErrorOptions } from '../domain-error.ts';

export type KeyErrorCode = 'no_key' | 'key_not_ready' | 'account_suspended';

const STATUS: Record<KeyErrorCode, number> = { no_key: 409, key_not_ready: 409, account_suspended: 403 };

export class KeyError extends DomainError<KeyErrorCode> {
  override readonly name = 'KeyError';
  constructor(code: KeyErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, STATUS, options);
  }
}
