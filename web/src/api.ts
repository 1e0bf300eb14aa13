// The typed API client (hono/client over the Worker's AppType) and one way to read its answers.

import { hc } from 'hono/client';
import type { AppType } from '../../src/index.ts';
import type { ApiErrorBody } from '../../src/shared/api.ts';
import { t } from './i18n.ts';

export const api = hc<AppType>('/', { init: { credentials: 'same-origin' } }).api;

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
  } catch {
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
