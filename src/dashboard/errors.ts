// Errors of the customer dashboard (the API's onError maps `status` and `code`).

export type DashboardErrorCode = 'no_key' | 'key_not_ready' | 'session_not_found';

const STATUS: Record<DashboardErrorCode, number> = { no_key: 409, key_not_ready: 409, session_not_found: 404 };

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
