// The one error shape of the API: {error: {code, message, requestId}}. Internals never reach the client.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConfigError } from '../config/index.ts';
import type { AppEnv } from './context.ts';

/** A failure with a status and a stable code; domains throw their own subclasses or this. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  /** Sent as Retry-After (a 429 or 503 that knows when trying again makes sense). */
  readonly retryAfterSeconds: number | undefined;
  constructor(status: ContentfulStatusCode, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Domain errors (no Hono) expose `status` and `code`; this recognises them without importing each domain. */
interface CodedError {
  status: number;
  code: string;
  message: string;
  expose?: boolean;
  retryAfterSeconds?: number;
}

function isCodedError(err: unknown): err is CodedError {
  return (
    err instanceof Error &&
    typeof (err as Partial<CodedError>).code === 'string' &&
    typeof (err as Partial<CodedError>).status === 'number'
  );
}

export function errorResponse<E extends AppEnv>(
  c: Context<E>,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  retryAfterSeconds?: number,
) {
  const headers = retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) };
  return c.json({ error: { code, message, requestId: c.get('requestId') } }, status, headers);
}

export function onError(err: Error, c: Context<AppEnv>) {
  const log = c.get('services')?.log;
  if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.retryAfterSeconds);
  if (err instanceof ConfigError) {
    log?.error('config invalid', { problems: err.problems });
    return errorResponse(c, 503, 'config_invalid', 'The shop is not configured correctly. The operator has been told.');
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status === 413) return errorResponse(c, 413, 'payload_too_large', 'The request body is too large.');
    return errorResponse(
      c,
      status,
      status >= 500 ? 'internal' : 'bad_request',
      status >= 500 ? 'Something went wrong.' : err.message || 'Bad request.',
    );
  }
  if (isCodedError(err) && err.status >= 400 && err.status < 600) {
    if (err.status >= 500) log?.error('request failed', { code: err.code, err });
    const message =
      err.status >= 500 && err.expose !== true
        ? 'The service is temporarily unavailable. Please try again shortly.'
        : err.message;
    return errorResponse(c, err.status as ContentfulStatusCode, err.code, message, err.retryAfterSeconds);
  }
  log?.error('unhandled error', { err, stack: err.stack });
  return errorResponse(c, 500, 'internal', 'Something went wrong. Please try again.');
}

export function notFound(c: Context<AppEnv>) {
  return errorResponse(c, 404, 'not_found', `No API route for ${c.req.method} ${new URL(c.req.url).pathname}.`);
}
