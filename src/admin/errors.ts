// Errors of the operator console (the API's onError maps `status` and `code`; messages are for the operator).
import { DomainError } from '../domain-error.ts';

export type AdminErrorCode =
  | 'customer_not_found'
  | 'cap_ceiling'
  | 'no_key'
  | 'no_grace'
  | 'already'
  | 'mail_unavailable'
  | 'not_sent'
  | 'order_not_found'
  | 'not_refundable'
  | 'refund_too_large'
  | 'refund_refused'
  | 'refund_conflict'
  | 'stripe_unavailable';

const STATUS: Record<AdminErrorCode, number> = {
  customer_not_found: 404,
  cap_ceiling: 409,
  no_key: 409,
  no_grace: 409,
  already: 409,
  mail_unavailable: 503,
  not_sent: 429,
  order_not_found: 404,
  not_refundable: 409,
  refund_too_large: 409,
  refund_refused: 409,
  refund_conflict: 409,
  stripe_unavailable: 502,
};

export class AdminError extends DomainError<AdminErrorCode> {
  override readonly name = 'AdminError';
  constructor(code: AdminErrorCode, message: string) {
    super(code, message, STATUS);
  }
}
