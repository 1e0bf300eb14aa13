// Cross-cutting API middleware: request ids, the request's services and its log line, security headers, CSRF,
// JSON-only bodies, body size.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { contentSecurityPolicy } from '../html/index.ts';
import { createLogger } from '../log.ts';
import { createServices } from '../services/index.ts';
import { consistencyOf, returnBookmark } from './consistency.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;
/** RFC 8058 one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click` as a form to the link. */
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const ONE_CLICK_PATH = '/api/reminders/unsubscribe';

/** Builds the request's services once, and writes one JSON log line per request when it is answered. */
const requestServices: MiddlewareHandler<AppEnv> = async (c, next) => {
  const log = createLogger({ requestId: c.var.requestId });
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  const services = createServices(c.env, { log, waitUntil, kind: 'request', consistency: () => consistencyOf(c) });
  c.set('services', services);
  const started = services.clock.now();
  await next();
  returnBookmark(c, services.dbBookmark());
  const ms = services.clock.now() - started;
  log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms });
};

/**
 * A request id on every response and every log line (an incoming well-formed X-Request-Id is kept for tracing),
 * then the request's services in `c.var.services`.
 */
export const requestContext = every(requestId({ limitLength: 64 }), requestServices);

/** The same policy family as the pages' (src/site/headers.ts), tightened for JSON: an answer loads nothing. */
const API_POLICY = contentSecurityPolicy({
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
});

const apiHeaders = secureHeaders({
  strictTransportSecurity: 'max-age=63072000; includeSubDomains',
  xFrameOptions: 'DENY',
  // Only the headers above and API_POLICY (and nosniff, referrer, COOP, CORP at Hono's values): the rest do nothing
  // for JSON.
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  // A route that sets one of these itself keeps it.
  overwrite: false,
});

/**
 * An API answer has API_POLICY and is never stored, unless its route says otherwise (the API reference page sends
 * its own Content-Security-Policy).
 */
const apiDefaults: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', API_POLICY);
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
};

export const securityHeaders = every(apiHeaders, apiDefaults);

/** A customer's own answers: set on the way out, whatever happened (a 401 from requireSession and a 503 included). */
export const privateNoStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Cache-Control', 'private, no-store');
};

/**
 * Refuses cross-site state changes: a browser says where a request comes from in Sec-Fetch-Site and
 * Origin; either one naming another site is refused. Server-to-server callers (Stripe) send neither.
 * (Hono's `csrf` does less: it looks only at form and text bodies and lets either header vouch for the request.)
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
  if (c.req.path === ONE_CLICK_PATH && FORM_TYPE.test(type ?? '')) return next();
  if ((hasBody || type) && !JSON_TYPE.test(type ?? ''))
    return errorResponse(c, 415, 'unsupported_media_type', 'Send the request body as application/json.');
  return next();
};

const MAX_BODY_BYTES = 64 * 1024;
/**
 * Stripe's events are far larger than anything a person sends: a dispute carries its evidence, whose fields may hold
 * 150,000 characters together (docs.stripe.com/api/disputes/update), escaped again in the event's JSON. A delivery
 * refused with 413 is retried until Stripe disables the endpoint, so the webhook takes up to 1 MiB.
 */
const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;
const WEBHOOK_PATH = '/api/stripe/webhook';

const limitOf = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) =>
      errorResponse(c as never, 413, 'payload_too_large', `The request body is larger than ${maxSize / 1024} KB.`),
  });
const apiBodyLimit = limitOf(MAX_BODY_BYTES);
const webhookBodyLimit = limitOf(WEBHOOK_MAX_BODY_BYTES);

export const limitBody: MiddlewareHandler<AppEnv> = (c, next) =>
  (c.req.path === WEBHOOK_PATH ? webhookBodyLimit : apiBodyLimit)(c, next);
