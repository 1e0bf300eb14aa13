// Customer API test helpers: tokens made through the dashboard's own route, and calls made as a script would
// (a bearer token, no Origin, no cookie).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index.ts';
import type { CreatedTokenAnswer } from '../../src/shared/tokens.ts';
import { call, ORIGIN } from '../helpers.ts';

/** Makes a token through `POST /api/tokens` as the signed-in customer behind `cookie`. */
export async function makeToken(
  cookie: string,
  body: { name?: string; scopes?: string[]; expiresInDays?: number | null } = {},
): Promise<CreatedTokenAnswer> {
  const res = await call('/api/tokens', { json: { name: 'script', ...body }, cookie });
  if (res.status !== 201) throw new Error(`make token: ${res.status} ${await res.text()}`);
  return res.json<CreatedTokenAnswer>();
}

/**
 * A request as a script sends it: `Authorization: Bearer <token>` (when given), no Origin, no cookie unless given.
 * `env`: the Worker's bindings, when it runs with others (e.g. a later clock).
 */
export async function apiCall(
  path: string,
  token: string | null,
  init: { method?: string; headers?: Record<string, string>; env?: Env } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const ctx = createExecutionContext();
  const request = new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers });
  const res = await worker.fetch(request, init.env ?? env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export interface TokenDbRow {
  id: string;
  customer_id: string;
  token_hash: string;
  hint: string;
  scopes: string;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export const tokenRows = async (customerId: string) =>
  (
    await env.DB.prepare('select * from api_tokens where customer_id = ? order by created_at')
      .bind(customerId)
      .all<TokenDbRow>()
  ).results;
