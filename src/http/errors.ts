// The one error shape of the API: {error: {code, message, requestId}}. Internals never reach the client.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConfigError } from '../config/index.ts';
import { DomainError } from '../domain-error.ts';
import { inLocale, type Words, words, write } from '../shared/i18n/translate.ts';
import type { AppEnv } from './context.ts';
import { askersLocale } from './locale.ts';

/** The HTTP layer's own refusals (a bad body, no session, too many requests): its status is given outright. */
export class ApiError extends DomainError {
  override readonly name = 'ApiError';
  constructor(status: ContentfulStatusCode, code: string, message: string, retryAfterSeconds?: number, said?: Words) {
    super(code, message, { [code]: status }, { retryAfterSeconds, words: said });
  }
}

/** No session (or a dead one): sign in. */
export const signInFirst = () =>
  new ApiError(401, 'unauthenticated', 'Please sign in.', undefined, words('error.signIn'));

/** A message in the language of the one who asked (the one they chose, else their browser's), when the catalogs have
 * it; as written otherwise (a broken config, a catalog that cannot be fetched). */
async function inAskersLanguage(c: Context<AppEnv>, said: Words | undefined, written: string): Promise<string> {
  if (!said) return written;
  try {
    const { services } = c.var;
    const locale = askersLocale(c, services.config);
    await services.loadCatalog(locale);
    return inLocale(locale, () => write(said));
  } catch {
    return written;
  }
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

export async function onError(err: Error, c: Context<AppEnv>) {
  const log = c.get('services')?.log;
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
  // Every domain's errors the same way: the code's status, the message written for the asker.
  if (err instanceof DomainError && err.status >= 400 && err.status < 600) {
    if (err instanceof ConfigError) log?.error('config invalid', { problems: err.problems });
    else if (err.status >= 500) log?.error('request failed', { code: err.code, err });
    const status = err.status as ContentfulStatusCode;
    const message = await inAskersLanguage(c, err.words, err.publicMessage);
    return errorResponse(c, status, err.code, message, err.retryAfterSeconds);
  }
  log?.error('unhandled error', { err, stack: err.stack });
  const message = await inAskersLanguage(c, words('error.internal'), 'Something went wrong. Please try again.');
  return errorResponse(c, 500, 'internal', message);
}

export function notFound(c: Context<AppEnv>) {
  return errorResponse(c, 404, 'not_found', `No API route for ${c.req.method} ${new URL(c.req.url).pathname}.`);
}
