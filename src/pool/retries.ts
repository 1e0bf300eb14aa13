// When a failed Proxies.sx call is tried again (docs/UPSTREAM.md "Status codes"): GET/PATCH and keyed POSTs on
// 429/5xx/network/timeout with full-jitter backoff honouring retry-after; an un-keyed POST never (it may have
// succeeded); a DELETE only after checking whether it already took effect.
import { UpstreamError } from './errors.ts';
import { exchange, type RequestSpec, type Transport } from './transport.ts';

function mayRetry(spec: RequestSpec<unknown>): boolean {
  if (spec.method === 'GET' || spec.method === 'PATCH') return true;
  if (spec.method === 'POST') return Boolean(spec.idempotencyKey);
  return Boolean(spec.checkState);
}

/** Full jitter: a random delay in [0, min(maxDelayMs, baseDelayMs·2^retry)]. */
function backoff(t: Transport, retry: number): number {
  return Math.round(t.random() * Math.min(t.maxDelayMs, t.baseDelayMs * 2 ** retry));
}

function requestUrl(t: Transport, spec: RequestSpec<unknown>): string {
  const url = new URL(t.baseUrl + spec.path);
  for (const [name, value] of Object.entries(spec.query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value));
  return url.toString();
}

function asUpstreamError(spec: RequestSpec<unknown>, caught: unknown): UpstreamError {
  if (caught instanceof UpstreamError) return caught;
  return new UpstreamError('network', `${spec.operation}: ${(caught as Error)?.message ?? 'failed'}`, {
    operation: spec.operation,
    retryable: false,
    cause: caught,
  });
}

/** Makes the call, retrying it as far as its method and Idempotency-Key allow. Throws UpstreamError. */
export async function request<T>(t: Transport, spec: RequestSpec<T>): Promise<T> {
  const url = requestUrl(t, spec as RequestSpec<unknown>);
  const maxRetries = mayRetry(spec as RequestSpec<unknown>) ? (spec.maxRetries ?? t.maxRetries) : 0;
  for (let tries = 1; ; tries++) {
    try {
      return await exchange(t, spec, url);
    } catch (caught) {
      const err = asUpstreamError(spec as RequestSpec<unknown>, caught);
      let retry = err.retryable && tries <= maxRetries;
      let delay = backoff(t, tries - 1);
      if (retry && err.retryAfterMs !== undefined) {
        if (err.retryAfterMs > t.maxRetryAfterMs) retry = false;
        else delay = Math.max(delay, err.retryAfterMs);
      }
      const fields = {
        ...err.toLog(),
        method: spec.method,
        path: spec.path,
        attempt: tries,
        willRetry: retry,
        delayMs: retry ? delay : undefined,
      };
      if (!retry) {
        t.log.error('upstream call failed', fields);
        Object.assign(err, { attempts: tries });
        throw err;
      }
      t.log.warn('upstream call failed, retrying', fields);
      await t.sleep(delay);
      // A DELETE that timed out may have happened: look before deleting again.
      if (spec.checkState && (await spec.checkState()) === 'done') {
        t.log.info('upstream delete had already taken effect', { operation: spec.operation, path: spec.path });
        return spec.doneAnswer as T;
      }
    }
  }
}
