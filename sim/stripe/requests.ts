// How the Stripe API takes a request: the secret key (Bearer or Basic), form-encoded bodies, Idempotency-Key
// replay, errors in Stripe's shape (`{error: {type, message, param?, code?}}`), and outages on demand.
import type { Context } from 'hono';
import { onReset } from '../state.ts';
import { config } from './config.ts';
import { type FormParams, ParamError, parseStripeForm } from './form.ts';
import { previousAnswer, rememberAnswer } from './idempotency.ts';
import { SimCardError } from './intents.ts';
import { SimStateError } from './lifecycle.ts';
import { stripeId } from './objects.ts';

let outageCalls = 0;
onReset(() => {
  outageCalls = 0;
});

/** The next `count` API calls answer 500 `api_error` (stripe-node retries a 5xx once: 2 calls fail one request). */
export function failNextCalls(count: number): number {
  outageCalls = Number.isInteger(count) && count >= 0 && count <= 1000 ? count : 0;
  return outageCalls;
}

function outage(c: Context): Response | undefined {
  if (outageCalls <= 0) return undefined;
  outageCalls--;
  return c.json({ error: { type: 'api_error', message: 'An unknown error occurred (simulated outage).' } }, 500);
}

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
 * bank refused (with the PaymentIntent); rethrows the rest.
 */
function errorAnswer(err: unknown): { status: 400 | 402; body: unknown } {
  if (err instanceof SimCardError)
    return {
      status: 402,
      body: { error: { ...err.intent.last_payment_error, payment_intent: err.intent, request_log_url: null } },
    };
  return { status: 400, body: badRequest(err) };
}

function badRequest(err: unknown): unknown {
  if (err instanceof ParamError)
    return {
      error: {
        type: 'invalid_request_error',
        message: err.message,
        param: err.param,
        code: 'parameter_invalid',
        request_log_url: null,
      },
    };
  if (err instanceof SimStateError)
    return { error: { type: 'invalid_request_error', message: err.message, request_log_url: null } };
  throw err;
}

/** Runs a POST handler with Stripe's auth, form decoding and Idempotency-Key replay. */
export async function post(
  c: Context,
  handler: (params: FormParams) => { status?: 200; body: unknown } | Response,
): Promise<Response> {
  const down = outage(c);
  if (down) return down;
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
  const params = parseStripeForm(raw);
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
  let status = 200;
  let body: unknown;
  try {
    const result = handler(params);
    if (result instanceof Response) return result;
    body = result.body;
  } catch (err) {
    ({ status, body } = errorAnswer(err));
  }
  // Stripe stores 4xx answers under the key too (a retry with the same key gets the same error).
  if (key) rememberAnswer(key, request, { status, body });
  c.header('Request-Id', stripeId('req', 14));
  return c.json(body, status as 200);
}

/** Runs a GET with Stripe's auth: the object `find` returns, or Stripe's 404. */
export function get(c: Context, find: () => unknown | undefined, what: string, id: string): Response {
  const down = outage(c);
  if (down) return down;
  const auth = authorised(c);
  if (auth !== true) return stripeError(c, 401, 'invalid_request_error', 'Invalid API Key provided.');
  const found = find();
  if (!found) return notFound(c, what, id);
  return c.json(found);
}
