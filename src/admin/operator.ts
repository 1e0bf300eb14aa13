// The signed-in operator acting in the console, as the audit log and the sign-in limiter see them.

export interface Operator {
  email: string;
  requestId?: string;
  /** `CF-Connecting-IP` of the operator (the sign-in limiter's per-client bucket). */
  ip?: string | null;
}

/** The audit log's `actor` for an operator. */
export function operatorActor(operator: Pick<Operator, 'email'>): string {
  return `admin:${operator.email}`;
}
