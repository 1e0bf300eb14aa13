// The signed-in operator acting in the console, as the audit log sees them.

export interface Operator {
  email: string;
  requestId?: string;
}

/** The audit log's `actor` for an operator. */
export function operatorActor(operator: Pick<Operator, 'email'>): string {
  return `admin:${operator.email}`;
}
