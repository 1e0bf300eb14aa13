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
  action: 'pay' | 'async' | 'settle' | 'expire' | 'refund',
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

/** Every generation of the customer's keys (pool_keys rows), oldest first. */
export async function keysOf(customerId: string) {
  const { results } = await env.DB.prepare('select * from pool_keys where customer_id = ? order by generation')
    .bind(customerId)
    .all<{
      id: string;
      generation: number;
      state: string;
      upstream_id: string | null;
      secret_mask: string | null;
      grace_until: number | null;
      final_used_gb: number | null;
      carried_out_gb: number | null;
      carried_into: number | null;
      deleted_at: number | null;
      upstream_disabled_at: number | null;
    }>();
  return results;
}

/** Waits until nothing is owed or running for the customer's keys (the webhook's background reconcile is done). */
export async function settledSync(customerId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await env.DB.prepare('select state, lease_until from key_syncs where customer_id = ?')
      .bind(customerId)
      .first<{ state: string; lease_until: number | null }>();
    if (row && row.state !== 'pending' && row.lease_until === null) return;
    if (Date.now() > deadline) throw new Error(`keys of ${customerId} still ${row?.state ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Sets an upstream key's total usage in the Proxies.sx simulator (the gateway's flush; the cap auto-suspends). */
export function setUsage(upstreamId: string, usedMB: number) {
  return sim(`/_sim/proxies/keys/${upstreamId}/usage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ usedMB }),
  });
}

export interface SimEvents {
  events: { id: string; type: string }[];
}

/** The cardholder disputes the session's charge in the Stripe simulator (a chargeback unless `inquiry`). */
export function disputeSession(
  sessionId: string,
  body: { amount?: number; reason?: string; inquiry?: boolean } = {},
): Promise<SimEvents & { dispute: string }> {
  return sim(`/_sim/stripe/sessions/${sessionId}/dispute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The card network moves a dispute on: evidence under review, or decided won or lost. */
export function decideDispute(disputeId: string, action: 'review' | 'won' | 'lost'): Promise<SimEvents> {
  return sim(`/_sim/stripe/disputes/${disputeId}/${action === 'review' ? 'review' : 'close'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(action === 'review' ? {} : { outcome: action }),
  });
}

/**
 * Posts the recorded delivery of each event, in the order given; every answer must be 200. `shopEnv`: the shop as it
 * runs then (e.g. its clock moved with the Stripe simulator's, so the signature's time is within tolerance).
 */
export async function deliverEachEvent(events: { id: string }[], shopEnv?: Env): Promise<{ result: string }[]> {
  const results: { result: string }[] = [];
  for (const event of events) {
    const [delivery] = await deliveries({ eventId: event.id });
    if (!delivery) throw new Error(`no delivery of ${event.id}`);
    const res = await postWebhook(delivery.payload, delivery.signature, shopEnv);
    if (res.status !== 200) throw new Error(`${delivery.type}: ${res.status} ${await res.text()}`);
    results.push(await res.json());
  }
  return results;
}

/** POST /api/checkout as the signed-in customer; returns the Checkout Session id from the returned URL. */
export async function checkoutSession(cookie: string, tierId: string): Promise<string> {
  const res = await call('/api/checkout', { json: { tierId }, cookie });
  if (res.status !== 200) throw new Error(`checkout ${tierId}: ${res.status} ${await res.text()}`);
  const { url } = await res.json<{ url: string }>();
  return new URL(url).pathname.split('/').pop()!;
}

/** Buys a tier end to end: checkout, paid in the simulator, its webhook delivered, the key reconciled. */
export async function buyTier(cookie: string, customerId: string, tierId: string, pay: object = {}): Promise<string> {
  const sessionId = await checkoutSession(cookie, tierId);
  await deliverEachEvent((await stripeAct(sessionId, 'pay', pay)).events);
  await settledSync(customerId);
  return sessionId;
}

export async function customerIdOf(email: string): Promise<string> {
  const row = await env.DB.prepare('select id from customers where email = ?').bind(email).first<{ id: string }>();
  if (!row) throw new Error(`no customer ${email}`);
  return row.id;
}
