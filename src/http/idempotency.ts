// The `Idempotency-Key` a client sends with one confirmed action (rotate a key), checked before the domain sees it.
import type { Context } from 'hono';
import { CLIENT_IDEMPOTENCY_KEY } from '../keys/index.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

/** The request's Idempotency-Key, undefined when none was sent; a malformed one is a 400. */
export function idempotencyKeyHeader(c: Context<AppEnv>): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key !== undefined && !CLIENT_IDEMPOTENCY_KEY.test(key))
    throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 8–128 characters of A–Z, a–z, 0–9, _ and -.');
  return key;
}
