// Errors of the operator console (the API's onError maps `status` and `code`; messages are for the operator).

export type AdminErrorCode =
  | 'customer_not_found'
  | 'cap_ceiling'
  | 'no_key'
  | 'already'
  | 'mail_unavailable'
  | 'not_sent';

const STATUS: Record<AdminErrorCode, number> = {
  customer_not_found: 404,
  cap_ceiling: 409,
  no_key: 409,
  already: 409,
  mail_unavailable: 503,
  not_sent: 429,
};

export class AdminError extends Error {
  readonly status: number;
  readonly code: AdminErrorCode;
  readonly expose = true;
  constructor(code: AdminErrorCode, message: string) {
    super(message);
    this.name = 'AdminError';
    this.code = code;
    this.status = STATUS[code];
  }
}
