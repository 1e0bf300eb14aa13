// The `Idempotency-Key` a client sends with one confirmed action (rotate a key, refund an order), checked before the
// domain sees it.
import type { Context } from 'hono';
import { CLIENT_IDEMPOTENCY_KEY } from '../keys/index.ts';
import * as z from '../zod.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

const MUST = 'must be 8–128 characters of A–Z, a–z, 0–9, _ and -';

/** The request's Idempotency-Key, undefined when none was sent; a malformed one is a 400. */
export function idempotencyKeyHeader<E extends AppEnv>(c: Context<E>): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key !== undefined && !CLIENT_IDEMPOTENCY_KEY.test(key))
    throw new ApiError(400, 'invalid_request', `Idempotency-Key ${MUST}.`);
  return key;
}

/** Headers of a route that needs one: `validate('header', requiredIdempotencyKey)`. */
export const requiredIdempotencyKey = z.object({
  'idempotency-key': z.string().check(z.regex(CLIENT_IDEMPOTENCY_KEY, MUST)),
});
