// Personal access tokens made through the dashboard's own route, and their rows.
import { env } from 'cloudflare:test';
import type { CreatedTokenAnswer } from '../../src/shared/tokens.ts';
import { call } from './worker.ts';

/** Makes a token through `POST /api/tokens` as the signed-in customer behind `cookie`. */
export async function makeToken(
  cookie: string,
  body: { name?: string; scopes?: string[]; expiresInDays?: number | null } = {},
): Promise<CreatedTokenAnswer> {
  const res = await call('/api/tokens', { json: { name: 'script', ...body }, cookie });
  if (res.status !== 201) throw new Error(`make token: ${res.status} ${await res.text()}`);
  return res.json<CreatedTokenAnswer>();
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
