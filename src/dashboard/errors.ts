// Errors of the customer dashboard (the API's onError maps `status` and `code`). Key errors are src/keys/'s KeyError.

export type DashboardErrorCode = 'session_not_found' | 'invalid_request';

const STATUS: Record<DashboardErrorCode, number> = { session_not_found: 404, invalid_request: 400 };

export class DashboardError extends Error {
  readonly status: number;
  readonly code: DashboardErrorCode;
  readonly expose = true;
  constructor(code: DashboardErrorCode, message: string) {
    super(message);
    this.name = 'DashboardError';
    this.code = code;
    this.status = STATUS[code];
  }
}
