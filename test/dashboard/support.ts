// Dashboard test helpers.
import { env } from 'cloudflare:test';
import { deliver, deliveries, stripeAct } from '../billing/helpers.ts';
import { CURRENT_KEY_SQL, call, type SimKey, signIn, sim, upstreamKey, upstreamKeys } from '../helpers.ts';

export { type SimKey, upstreamKey, upstreamKeys };

export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

export async function json<T>(
  path: string,
  init: Parameters<typeof call>[1] = {},
): Promise<{ status: number; body: T; res: Response }> {
  const res = await call(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}

export async function customerIdOf(email: string): Promise<string> {
  const row = await env.DB.prepare('select id from customers where email = ?').bind(email).first<{ id: string }>();
  if (!row) throw new Error(`no customer ${email}`);
  return row.id;
}

export async function auditActions(customerId: string): Promise<string[]> {
  const { results } = await env.DB.prepare('select action from audit_log where customer_id = ? order by at')
    .bind(customerId)
    .all<{ action: string }>();
  return results.map((r) => r.action);
}

// ── Buying through the real billing path: checkout → the Stripe simulator → the signed webhook → reconcile ──

export interface KeyRow {
  sync_state: string;
  lease_until: number | null;
  upstream_id: string | null;
  secret_mask: string | null;
  secret_ciphertext: string | null;
}

export const keyRow = (customerId: string) => env.DB.prepare(CURRENT_KEY_SQL).bind(customerId).first<KeyRow>();

/** Waits for the webhook's background reconcile to finish (no lease held, nothing pending). */
export async function settled(customerId: string): Promise<KeyRow> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await keyRow(customerId);
    if (row && row.sync_state !== 'pending' && row.lease_until === null) return row;
    if (Date.now() > deadline) throw new Error(`key of ${customerId} still ${row?.sync_state ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Signs `email` in, buys `tierId` and waits for the key; returns the cookie, customer id and the upstream key. */
export async function customerWithKey(
  email: string,
  tierId = 'pro',
): Promise<{ cookie: string; customerId: string; key: SimKey }> {
  const cookie = await signIn(email);
  const res = await call('/api/checkout', { json: { tierId }, cookie });
  if (res.status !== 200) throw new Error(`checkout: ${res.status} ${await res.text()}`);
  const sessionId = new URL((await res.json<{ url: string }>()).url).pathname.split('/').pop()!;
  await stripeAct(sessionId, 'pay');
  const [completed] = await deliveries({ sessionId, type: 'checkout.session.completed' });
  const delivered = await deliver(completed!);
  if (delivered.status !== 200) throw new Error(`webhook: ${delivered.status}`);
  const customerId = await customerIdOf(email);
  const row = await settled(customerId);
  const key = await upstreamKey(row.upstream_id!);
  if (!key) throw new Error('no upstream key after the purchase');
  return { cookie, customerId, key };
}

export const simCalls = () => sim<{ method: string; path: string }[]>('/_sim/calls');

export function simControl<T = unknown>(path: string, body: unknown, method = 'POST'): Promise<T> {
  return sim<T>(`/_sim/proxies${path}`, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

export const mask = (secret: string) => `${secret.slice(0, 8)}…${secret.slice(-4)}`;
