// Dashboard test helpers.
import { env } from 'cloudflare:test';
import { call } from '../helpers.ts';

export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

/** The session id inside a session cookie (the JWT payload is readable; only its signature is secret). */
export function sessionIdOf(cookie: string): string {
  return JSON.parse(atob(cookie.split('=')[1]!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sid as string;
}

/** Makes the magic-link sign-in behind this cookie `minutes` old (as if the customer signed in that long ago). */
export async function ageSignIn(cookie: string, minutes: number): Promise<void> {
  await env.DB.prepare('update sessions set signed_in_at = ? where id = ?').bind(Date.now() - minutes * 60_000, sessionIdOf(cookie)).run();
}

export async function json<T>(path: string, init: Parameters<typeof call>[1] = {}): Promise<{ status: number; body: T; res: Response }> {
  const res = await call(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}

export async function customerIdOf(email: string): Promise<string> {
  const row = await env.DB.prepare('select id from customers where email = ?').bind(email).first<{ id: string }>();
  if (!row) throw new Error(`no customer ${email}`);
  return row.id;
}

export async function auditActions(customerId: string): Promise<string[]> {
  const { results } = await env.DB.prepare('select action from audit_log where customer_id = ? order by at').bind(customerId).all<{ action: string }>();
  return results.map((r) => r.action);
}
