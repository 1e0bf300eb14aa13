// Billing test helpers: the Stripe simulator's recorded webhook deliveries, posted to the Worker as Stripe would.
import { env } from 'cloudflare:test';
import { call, sim } from '../helpers.ts';

export interface Delivery {
  id: string;
  eventId: string;
  type: string;
  payload: string;
  signature: string;
}

export function deliveries(query: Record<string, string> = {}): Promise<Delivery[]> {
  return sim<Delivery[]>(`/_sim/stripe/deliveries?${new URLSearchParams(query)}`);
}

/** Posts a webhook exactly as Stripe does: raw JSON body with its Stripe-Signature header. */
export function postWebhook(payload: string, signature: string | null, shopEnv?: Env): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature !== null) headers['stripe-signature'] = signature;
  return call('/api/stripe/webhook', { method: 'POST', body: payload, headers, env: shopEnv });
}

export function deliver(delivery: Delivery): Promise<Response> {
  return postWebhook(delivery.payload, delivery.signature);
}

/** Delivers every recorded delivery of the given session's events of one type (normally one), in order. */
export async function deliverEvents(sessionId: string, type: string): Promise<Response[]> {
  const found = await deliveries({ sessionId, type });
  if (found.length === 0) throw new Error(`no ${type} delivery for ${sessionId}`);
  const answers: Response[] = [];
  for (const delivery of found) answers.push(await deliver(delivery));
  return answers;
}

/** Asks the simulator to act on a checkout session as the customer or Stripe would (pay, async, settle, cancel, refund). */
export function stripeAct(
  sessionId: string,
  action: 'pay' | 'async' | 'settle' | 'cancel' | 'refund',
  body: unknown = {},
) {
  return sim<{ events: { id: string; type: string }[] }>(`/_sim/stripe/sessions/${sessionId}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function sign(payload: string, options: { timestamp?: number; secret?: string } = {}): Promise<string> {
  const { signature } = await sim<{ signature: string }>('/_sim/stripe/sign', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payload, ...options }),
  });
  return signature;
}

export async function orderRow(id: string) {
  return env.DB.prepare('select * from orders where id = ?').bind(id).first<Record<string, unknown>>();
}

export async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`select count(*) as n from (${sql})`)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
