// Cross-cutting API middleware: request ids and logs, security headers, CSRF, JSON-only bodies, body size.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createLogger } from '../log.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** A request id on every response and every log line; an incoming well-formed id is kept for tracing. */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  const log = createLogger({ requestId });
  c.set('requestId', requestId);
  c.set('log', log);
  const started = Date.now();
  await next();
  c.header('X-Request-Id', requestId);
  log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started });
};

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The same policy family as web/public/_headers, tightened for JSON. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', API_CSP);
  c.header('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};

/**
 * Refuses cross-site state changes: a browser says where a request comes from in Sec-Fetch-Site and
 * Origin; either one naming another site is refused. Server-to-server callers (Stripe) send neither.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE_METHOD.test(c.req.method)) return next();
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin')
    return errorResponse(c, 403, 'csrf_refused', 'Cross-site requests are not allowed.');
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.req.url).origin)
    return errorResponse(c, 403, 'csrf_refused', 'Cross-site requests are not allowed.');
  return next();
};

/** State-changing requests with a body must be JSON: no form posts, so no simple cross-site requests. */
export const jsonOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE_METHOD.test(c.req.method)) return next();
  const hasBody =
    c.req.header('content-length') !== '0' && (c.req.header('content-length') || c.req.header('transfer-encoding'));
  const type = c.req.header('content-type');
  if ((hasBody || type) && !JSON_TYPE.test(type ?? ''))
    return errorResponse(c, 415, 'unsupported_media_type', 'Send the request body as application/json.');
  return next();
};

export const MAX_BODY_BYTES = 64 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) =>
    errorResponse(c as never, 413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`),
});
