// Reading what the shop recorded in D1, where a test checks it: customers, orders, the audit log, counts.
import { env } from 'cloudflare:test';

/** An orders row, as raw SQL returns it. */
export interface OrderRow {
  id: string;
  customer_id: string;
  kind: 'purchase' | 'grant';
  status: 'pending' | 'paid' | 'failed' | 'expired' | 'refunded';
  stripe_session_id: string | null;
  stripe_payment_intent_id: string | null;
  tier_id: string;
  tier_name: string;
  gb: number;
  price: number;
  discount: number;
  tax: number;
  currency: string;
  validity_days: number | null;
  refunded_gb: number;
  refunded_amount: number;
  payment_settling: number;
  key_generation: number | null;
  held_gb: number;
  created_at: number;
  paid_at: number | null;
  receipt_sent_at: number | null;
}

export interface AuditRow {
  actor: string;
  action: string;
  customer_id: string | null;
  detail: string | null;
  request_id: string | null;
  at: number;
}

export async function customerIdOf(email: string): Promise<string> {
  const row = await env.DB.prepare('select id from customers where email = ?').bind(email).first<{ id: string }>();
  if (!row) throw new Error(`no customer ${email}`);
  return row.id;
}

export const orderRow = (id: string) => env.DB.prepare('select * from orders where id = ?').bind(id).first<OrderRow>();

/** The order a Checkout Session made. */
export const orderOfSession = (sessionId: string) =>
  env.DB.prepare('select * from orders where stripe_session_id = ?').bind(sessionId).first<OrderRow>();

/** How many rows `sql` (a select, with `binds`) returns. */
export async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`select count(*) as n from (${sql})`)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The customer's audit log, oldest first. */
export async function auditRows(customerId: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare('select * from audit_log where customer_id = ? order by at, rowid')
    .bind(customerId)
    .all<AuditRow>();
  return results;
}

/** The actions in the customer's audit log, oldest first. */
export const auditActions = async (customerId: string) => (await auditRows(customerId)).map((r) => r.action);
