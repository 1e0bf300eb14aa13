// The typed API client (hono/client over the Worker's AppType) and one way to read its answers.

import { hc } from 'hono/client';
import type { AppType } from '../../src/index.ts';
import type { ApiErrorBody } from '../../src/shared/api.ts';
import { t } from './i18n.ts';

/** Cancels what the page still asks once its session ends here (holdRequests). */
let session = new AbortController();
const withinSession: typeof fetch = (input, init) => fetch(input, { ...init, signal: session.signal });

/** Every request but the one that ends the session (which passes `{ fetch }`) is cancelled when the session ends. */
export const api = hc<AppType>('/', { fetch: withinSession, init: { credentials: 'same-origin' } }).api;

/**
 * The session is ending in this tab: what the page still asks is cancelled, and what it asks from now on is never
 * sent, so no request is answered 401 (and logged) on the way out. Returns the way back, if the session did not end.
 */
export function holdRequests(): () => void {
  session.abort();
  return () => {
    session = new AbortController();
  };
}

export class RequestError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The JSON body of a successful response, or a RequestError carrying the API's code and message. */
export async function read<T>(response: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<T> {
  let res: Awaited<typeof response>;
  try {
    res = await response;
  } catch (err) {
    // Cancelled by holdRequests: the page is leaving, and the answer would not matter.
    if (err instanceof DOMException && err.name === 'AbortError') return new Promise<never>(() => {});
    throw new RequestError(0, 'network', t('site.offline'));
  }
  if (res.ok) return res.json();
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  throw new RequestError(
    res.status,
    body?.error.code ?? 'http_error',
    body?.error.message ?? t('site.requestFailed', { status: String(res.status) }),
  );
}

/** A fresh key per confirmed dialog, sent as Idempotency-Key: a retried request replays instead of acting twice. */
export function freshIdempotencyKey(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '')}`;
}
