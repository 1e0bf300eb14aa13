// Operator console test helpers: buying through the real billing path (checkout → Stripe simulator → signed
// webhook → reconcile), reading the Proxies.sx simulator's keys, and calling the admin API as the operator.
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { deliver, deliveries, stripeAct } from '../billing/helpers.ts';

import { CURRENT_KEY_SQL, call, type SimKey, upstreamKey } from '../helpers.ts';

/** The operator in the committed test config (ADMIN_EMAILS). */
export const OPERATOR = 'admin@example.com';

export async function customerIdOf(email: string): Promise<string> {
  const row = await env.DB.prepare('select id from customers where email = ?').bind(email).first<{ id: string }>();
  if (!row) throw new Error(`no customer ${email}`);
  return row.id;
}

/** POST /api/checkout as the customer; returns the Checkout Session id. */
export async function startCheckout(cookie: string, tierId: string): Promise<string> {
  const res = await call('/api/checkout', { json: { tierId }, cookie });
  expect(res.status).toBe(200);
  const { url } = await res.json<{ url: string }>();
  return new URL(url).pathname.split('/').pop()!;
}

/** Pays the session in the Stripe simulator and delivers its signed `checkout.session.completed`. */
export async function pay(sessionId: string): Promise<void> {
  await stripeAct(sessionId, 'pay');
  const found = await deliveries({ sessionId, type: 'checkout.session.completed' });
  expect(found).toHaveLength(1);
  expect((await deliver(found[0]!)).status).toBe(200);
}

export async function buy(cookie: string, tierId: string): Promise<string> {
  const sessionId = await startCheckout(cookie, tierId);
  await pay(sessionId);
  return sessionId;
}

export interface KeyRow {
  sync_state: string;
  lease_until: number | null;
  upstream_id: string | null;
  cap_gb: number | null;
  enabled: number | null;
}

export const keyRow = (customerId: string) => env.DB.prepare(CURRENT_KEY_SQL).bind(customerId).first<KeyRow>();

/** Waits for the webhook's background reconcile to finish (no lease held, nothing pending). */
export async function settled(customerId: string): Promise<KeyRow | null> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await keyRow(customerId);
    if (!row || (row.sync_state !== 'pending' && row.lease_until === null)) return row;
    if (Date.now() > deadline) throw new Error(`key of ${customerId} still ${row.sync_state}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The customer's key as the Proxies.sx simulator holds it. */
export async function upstreamKeyOf(customerId: string): Promise<SimKey | undefined> {
  const row = await keyRow(customerId);
  return upstreamKey(row?.upstream_id);
}

/** The cron trigger, as Cloudflare fires it, and its jobs to the end. */
export { runCron } from '../cron.ts';

export interface AuditRow {
  actor: string;
  action: string;
  customer_id: string | null;
  detail: string | null;
  request_id: string | null;
  at: number;
}

export async function auditRows(customerId: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare('select * from audit_log where customer_id = ? order by at, rowid')
    .bind(customerId)
    .all<AuditRow>();
  return results;
}
