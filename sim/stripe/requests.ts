// How the Stripe API takes a request: the secret key (Bearer or Basic), form-encoded bodies (and query strings)
// decoded strictly and checked against the parameters the call takes, Idempotency-Key replay, and errors in Stripe's
// shape (`{error: {type, message, param?, code?}}`). Faults are applied before any of this (faults.ts).
import type { Context } from 'hono';
import { config } from './config.ts';
import { type FormParams, ParamError, parseStripeForm } from './form.ts';
import { previousAnswer, rememberAnswer } from './idempotency.ts';
import { SimCardError } from './intents.ts';
import { SimStateError } from './lifecycle.ts';
import { checkParams, EXPAND_ONLY, type ParamShape } from './params.ts';

type ErrorType = 'invalid_request_error' | 'idempotency_error';

export function stripeError(
  c: Context,
  status: 400 | 401 | 404 | 409,
  type: ErrorType,
  message: string,
  extra: { code?: string; param?: string } = {},
) {
  return c.json({ error: { type, message, ...extra, request_log_url: null } }, status);
}

export const notFound = (c: Context, what: string, id: string) =>
  stripeError(c, 404, 'invalid_request_error', `No such ${what}: '${id}'`, { code: 'resource_missing', param: 'id' });

export function authorised(c: Context): boolean | 'missing' {
  const header = c.req.header('authorization') ?? '';
  let key: string | undefined;
  if (header.startsWith('Bearer ')) key = header.slice(7);
  else if (header.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString().split(':')[0];
  if (!key) return 'missing';
  return key === config().secretKey;
}

/**
 * The 400 Stripe answers for a bad parameter or a state change the object does not allow, or the 402 of a card the
 * bank refused (with the PaymentIntent); rethrows the rest. `stored`: whether Stripe keeps it under the idempotency
 * key — not for a parameter that failed validation (docs.stripe.com/api/idempotent_requests).
 */
function errorAnswer(err: unknown): { status: 400 | 402 | 404; body: unknown; stored: boolean } {
  if (err instanceof SimCardError)
    return {
      status: 402,
      body: { error: { ...err.intent.last_payment_error, payment_intent: err.intent, request_log_url: null } },
      stored: true,
    };
  return { status: statusOf(err), body: badRequest(err), stored: !(err instanceof ParamError) };
}

/** The object the path names does not exist: 404, as Stripe answers it; any other bad parameter: 400. */
const statusOf = (err: unknown) =>
  err instanceof ParamError && err.code === 'resource_missing' && err.param === 'id' ? 404 : 400;

function badRequest(err: unknown): unknown {
  if (err instanceof ParamError)
    return {
      error: {
        type: 'invalid_request_error',
        message: err.message,
        param: err.param,
        code: err.code,
        request_log_url: null,
      },
    };
  if (err instanceof SimStateError)
    return { error: { type: 'invalid_request_error', message: err.message, request_log_url: null } };
  throw err;
}

/** The call's parameters, decoded and checked against `shape`: a 400 answer when they are not what Stripe takes. */
function readParams(c: Context, encoded: string, shape: ParamShape): FormParams | Response {
  try {
    const params = parseStripeForm(encoded);
    checkParams(params, shape);
    return params;
  } catch (err) {
    return c.json(badRequest(err), statusOf(err));
  }
}

/** Runs a POST (or DELETE) handler with Stripe's auth, form decoding and Idempotency-Key replay. */
export async function post(
  c: Context,
  shape: ParamShape,
  handler: (params: FormParams) => { status?: 200; body: unknown } | Response,
): Promise<Response> {
  const auth = authorised(c);
  if (auth === 'missing')
    return stripeError(
      c,
      401,
      'invalid_request_error',
      'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
    );
  if (!auth) return stripeError(c, 401, 'invalid_request_error', 'Invalid API Key provided: sk_test_********');
  const raw = await c.req.text();
  const type = c.req.header('content-type') ?? '';
  if (raw && !type.startsWith('application/x-www-form-urlencoded'))
    return stripeError(
      c,
      400,
      'invalid_request_error',
      'Invalid request: send application/x-www-form-urlencoded bodies.',
    );
  const params = readParams(c, raw, shape);
  if (params instanceof Response) return params;
  const key = c.req.header('idempotency-key');
  const request = { method: c.req.method, path: new URL(c.req.url).pathname, params: JSON.stringify(params) };
  const seen = key ? previousAnswer(key, request) : undefined;
  if (seen === 'conflict')
    return stripeError(
      c,
      400,
      'idempotency_error',
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  if (seen) {
    c.header('Idempotent-Replayed', 'true');
    return c.json(seen.body, seen.status as 200);
  }
  let answer: { status: number; body: unknown; stored: boolean };
  try {
    const result = handler(params);
    if (result instanceof Response) return result;
    answer = { status: 200, body: result.body, stored: true };
  } catch (err) {
    answer = errorAnswer(err);
  }
  // Stripe stores 4xx answers of a request it began executing under the key too (a retry gets the same error).
  if (key && answer.stored) rememberAnswer(key, request, answer);
  return c.json(answer.body, answer.status as 200);
}

/** Runs a GET with Stripe's auth and its query checked against `shape`: what `find` returns, or Stripe's 404. */
export function get(
  c: Context,
  find: (params: FormParams) => unknown | undefined,
  what: string,
  id: string,
  shape: ParamShape = EXPAND_ONLY,
): Response {
  const auth = authorised(c);
  if (auth !== true) return stripeError(c, 401, 'invalid_request_error', 'Invalid API Key provided.');
  const params = readParams(c, new URL(c.req.url).search.replace(/^\?/, ''), shape);
  if (params instanceof Response) return params;
  try {
    const found = find(params);
    return found ? c.json(found) : notFound(c, what, id);
  } catch (err) {
    return c.json(badRequest(err), statusOf(err));
  }
}
