// Errors of the customer's key (the API's onError maps `status` and `code`; messages are for the customer).
import { DomainError } from '../domain-error.ts';

export type KeyErrorCode = 'no_key' | 'key_not_ready' | 'account_suspended';

const STATUS: Record<KeyErrorCode, number> = { no_key: 409, key_not_ready: 409, account_suspended: 403 };

export class KeyError extends DomainError<KeyErrorCode> {
  override readonly name = 'KeyError';
  constructor(code: KeyErrorCode, message: string) {
    super(code, message, STATUS);
  }
}
