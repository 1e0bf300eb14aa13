// Errors of the customer's key (the API's onError maps `status` and `code`; messages are for the customer).

export type KeyErrorCode = 'no_key' | 'key_not_ready' | 'account_suspended';

const STATUS: Record<KeyErrorCode, number> = { no_key: 409, key_not_ready: 409, account_suspended: 403 };

export class KeyError extends Error {
  readonly status: number;
  readonly code: KeyErrorCode;
  readonly expose = true;
  constructor(code: KeyErrorCode, message: string) {
    super(message);
    this.name = 'KeyError';
    this.code = code;
    this.status = STATUS[code];
  }
}
