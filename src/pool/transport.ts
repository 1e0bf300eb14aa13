// One HTTP exchange with the Proxies.sx API (docs/UPSTREAM.md "Transport"): headers, a timeout that covers
// the body too, and every failure mapped to an UpstreamError whose logged body has its secrets masked.
// Retries live in retries.ts; the endpoints in keys.ts and gateway.ts.
import { type Clock, systemClock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type * as z from '../zod.ts';
import { UpstreamError, type UpstreamErrorDetails } from './errors.ts';

export interface UpstreamConfig {
  apiUrl: string;
  apiKey: string;
}

export interface PoolClientOptions {
  /** `services.config.upstream`. */
  config: UpstreamConfig;
  log: Logger;
  fetch?: typeof fetch;
  /** Per attempt, including reading the body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt (for calls that may be retried). Default 2. */
  maxRetries?: number;
  /** Full-jitter backoff: a random delay in [0, min(maxDelayMs, baseDelayMs·2^attempt)]. Default 200 ms. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `retry-after` longer than this is not waited for: the call fails as rate limited. Default 10 000 ms. */
  maxRetryAfterMs?: number;
  userAgent?: string;
  /** Reads an HTTP-date `retry-after`: `services.clock`. Default: the system clock. */
  clock?: Clock;
  /** Injectable for tests (record the delays instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The client's options with every default filled in: what each call is made with. */
export interface Transport {
  baseUrl: string;
  apiKey: string;
  log: Logger;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  userAgent: string;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface CallOptions {
  /** Makes a POST safe to retry: the platform replays the first answer for 24 h. */
  idempotencyKey?: string;
  /** Overrides the client's maxRetries for this call. */
  maxRetries?: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface RequestSpec<T> {
  operation: string;
  method: Method;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Parses the JSON answer; returns an error message for a wrong shape. */
  parse: (json: unknown) => Parsed<T>;
  /** Reads a 2xx answer's body as it arrives instead (an answer too big to hold as text); `parse` is then unused. */
  stream?: (body: ReadableStream<Uint8Array>) => Promise<Parsed<T>>;
  idempotencyKey?: string;
  maxRetries?: number;
  /** DELETE only: after a failure, says whether the deletion already happened ('done') or must be retried. */
  checkState?: () => Promise<'done' | 'retry'>;
  /** DELETE only: the answer to return when checkState says 'done'. */
  doneAnswer?: T;
}

const SECRET_IN_TEXT = /(pak_[0-9a-f]{4})[0-9a-f]{16,}|psx_[A-Za-z0-9_]{6,}/g;

export function createTransport(options: PoolClientOptions): Transport {
  return {
    baseUrl: options.config.apiUrl.replace(/\/+$/, ''),
    apiKey: options.config.apiKey,
    log: options.log,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 2,
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 5_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
    userAgent: options.userAgent ?? 'proxy-storefront/0.1 (+https://github.com/proxies-sx)',
    clock: options.clock ?? systemClock,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
}

/** Validates a JSON answer against a contract schema, naming the first few wrong fields. */
export function schemaParser<S extends z.ZodMiniType>(schema: S) {
  return (json: unknown): Parsed<z.infer<S>> => {
    const result = schema.safeParse(json);
    if (result.success) return { ok: true, value: result.data as z.infer<S> };
    const problem = result.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return { ok: false, problem };
  };
}

/** Seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function maskSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_m, pak?: string) => (pak ? `${pak}…` : 'psx_…'));
}

function requestHeaders(t: Transport, spec: RequestSpec<unknown>): Record<string, string> {
  const headers: Record<string, string> = {
    'X-API-Key': t.apiKey,
    Accept: 'application/json',
    'User-Agent': t.userAgent,
  };
  if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
  if (spec.idempotencyKey) headers['Idempotency-Key'] = spec.idempotencyKey;
  return headers;
}

/** Status and request id of the answer, once its headers are in (a later timeout reports them). */
interface Answered {
  status?: number;
  requestId?: string;
}

/** One HTTP exchange; the timeout covers the headers AND the body. Throws UpstreamError. */
export async function exchange<T>(t: Transport, spec: RequestSpec<T>, url: string): Promise<T> {
  const controller = new AbortController();
  const answered: Answered = {};
  let timedOut = false;
  let onTimeout: () => void = () => {};
  const timeoutError = () =>
    new UpstreamError('timeout', `${spec.operation}: no complete answer within ${t.timeoutMs} ms`, {
      operation: spec.operation,
      upstreamStatus: answered.status,
      upstreamRequestId: answered.requestId,
      retryable: true,
    });
  const deadline = new Promise<never>((_, reject) => {
    onTimeout = () => reject(timeoutError());
  });
  deadline.catch(() => {});
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    onTimeout();
  }, t.timeoutMs);
  try {
    let res: Response;
    try {
      const sending = t.fetch(url, {
        method: spec.method,
        headers: requestHeaders(t, spec as RequestSpec<unknown>),
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: controller.signal,
      });
      sending.catch(() => {});
      res = await Promise.race([sending, deadline]);
    } catch (err) {
      if (err instanceof UpstreamError) throw err;
      if (timedOut) throw timeoutError();
      throw new UpstreamError('network', `${spec.operation}: ${(err as Error)?.message ?? 'network error'}`, {
        operation: spec.operation,
        cause: err,
      });
    }
    answered.status = res.status;
    answered.requestId = res.headers.get('x-request-id') ?? undefined;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), t.clock.now());
    const details = {
      operation: spec.operation,
      upstreamStatus: res.status,
      upstreamRequestId: answered.requestId,
      retryAfterMs,
    };
    const streamed = spec.stream && res.ok && res.body ? spec.stream(res.body) : null;
    let text = '';
    try {
      const reading = streamed ?? res.text();
      reading.catch(() => {}); // if the deadline wins, the abandoned read must not reject unhandled
      const answer = await Promise.race([reading, deadline]);
      if (typeof answer !== 'string') return readStreamed(spec, answer, details);
      text = answer;
    } catch (err) {
      if (err instanceof UpstreamError) throw err;
      if (timedOut) throw timeoutError();
      // The connection broke mid-body: the server may or may not have acted.
      throw new UpstreamError(
        'network',
        `${spec.operation}: answer cut off (${(err as Error)?.message ?? 'read error'})`,
        {
          operation: spec.operation,
          upstreamStatus: answered.status,
          upstreamRequestId: answered.requestId,
          retryable: true,
          cause: err,
        },
      );
    }
    return readAnswer(spec, res.status, text, details);
  } finally {
    clearTimeout(timer);
  }
}

/** A 2xx answer read as a stream: its value, or the UpstreamError that says what was wrong with its shape. */
function readStreamed<T>(spec: RequestSpec<T>, parsed: Parsed<T>, details: UpstreamErrorDetails): T {
  if (parsed.ok) return parsed.value;
  throw new UpstreamError('shape', `${spec.operation}: unexpected answer shape (${parsed.problem})`, {
    ...details,
    retryable: false,
  });
}

/** A complete answer: a 2xx with the expected JSON shape, or the UpstreamError that says what was wrong. */
function readAnswer<T>(spec: RequestSpec<T>, status: number, text: string, details: UpstreamErrorDetails): T {
  if (status < 200 || status >= 300) {
    throw new UpstreamError('http', `${spec.operation}: upstream answered ${status}`, {
      ...details,
      body: maskSecrets(text.slice(0, 500)),
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UpstreamError('shape', `${spec.operation}: answer is not JSON`, {
      ...details,
      retryable: false,
      body: maskSecrets(text.slice(0, 200)),
    });
  }
  const parsed = spec.parse(json);
  if (!parsed.ok)
    throw new UpstreamError('shape', `${spec.operation}: unexpected answer shape (${parsed.problem})`, {
      ...details,
      retryable: false,
    });
  return parsed.value;
}
