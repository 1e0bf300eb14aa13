// Errors of the customer dashboard (the API's onError maps `status` and `code`). Key errors are src/keys/'s KeyError.
import { DomainError } from '../domain-error.ts';

export type DashboardErrorCode = 'session_not_found' | 'invalid_request';

const STATUS: Record<DashboardErrorCode, number> = { session_not_found: 404, invalid_request: 400 };

export class DashboardError extends DomainError<DashboardErrorCode> {
  override readonly name = 'DashboardError';
  constructor(code: DashboardErrorCode, message: string) {
    super(code, message, STATUS);
  }
}
