// The Proxies.sx reseller API client (docs/UPSTREAM.md). No Hono: routes and jobs create it from config.
// Every response is validated against src/pool/contract.ts, so a changed upstream fails loudly.
// Retries: GET/PATCH and keyed POSTs on 429/5xx/network/timeout with full-jitter backoff honouring
// retry-after; an un-keyed POST never (it may have succeeded); a DELETE only after checking state.
import type { Logger } from '../log.ts';
import type * as z from '../zod.ts';
import {
  type ActiveSession,
  type AuditEvent,
  AuditEventList,
  CloseSessionAnswer,
  DeleteKeyAnswer,
  IDEMPOTENCY_KEY_PATTERN,
  IncidentsAnswer,
  type IncidentsFeed,
  KEY_ID_PATTERN,
  type KeyUsageDay,
  type MintKeyInput,
  PoolAccessKey,
  PoolAccessKeyList,
  PoolAccessKeyWithSecret,
  PoolStock,
  parseKeyUsage,
  SessionsAnswer,
  type TopUpInput,
  toIncidentsFeed,
  type UpdateKeyInput,
  WholesalePricing,
} from './contract.ts';
import { UpstreamError } from './errors.ts';

export interface UpstreamConfig {
  apiUrl: string;
  apiKey: string;
}

export interface PoolClientOptions {
  /** `getConfig(env).upstream`. */
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
  /** Injectable for tests (record the delays instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface CallOptions {
  /** Makes a POST safe to retry: the platform replays the first answer for 24 h. */
  idempotencyKey?: string;
  /** Overrides the client's maxRetries for this call. */
  maxRetries?: number;
}

export interface AuditQuery {
  before?: string;
  limit?: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface RequestSpec<T> {
  operation: string;
  method: Method;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Parses the JSON answer; returns an error message for a wrong shape. */
  parse: (json: unknown) => { ok: true; value: T } | { ok: false; problem: string };
  idempotencyKey?: string;
  maxRetries?: number;
  /** DELETE only: after a failure, says whether the deletion already happened ('done') or must be retried. */
  checkState?: () => Promise<'done' | 'retry'>;
  /** DELETE only: the answer to return when checkState says 'done'. */
  doneAnswer?: T;
}

const DEFAULTS = { timeoutMs: 10_000, maxRetries: 2, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 10_000 };
const SECRET_IN_TEXT = /(pak_[0-9a-f]{4})[0-9a-f]{16,}|psx_[A-Za-z0-9_]{6,}/g;

function schemaParser<S extends z.ZodMiniType>(schema: S) {
  return (json: unknown): { ok: true; value: z.infer<S> } | { ok: false; problem: string } => {
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
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function maskSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_m, pak?: string) => (pak ? `${pak}…` : 'psx_…'));
}

function keyPath(id: string, suffix = ''): string {
  if (!KEY_ID_PATTERN.test(id))
    throw new UpstreamError('config', `not a pool key id: ${JSON.stringify(id.slice(0, 40))}`, {
      operation: 'key id',
      retryable: false,
    });
  return `/reseller/pool-keys/${encodeURIComponent(id)}${suffix}`;
}

function requirePakId(pakId: string): string {
  // Without pakId the platform answers with EVERY customer's sessions: never send that.
  if (!KEY_ID_PATTERN.test(pakId))
    throw new UpstreamError('config', 'sessions calls need the customer key id (pakId)', {
      operation: 'sessions',
      retryable: false,
    });
  return pakId;
}

function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key))
    throw new UpstreamError('config', 'Idempotency-Key must be 8–128 of [A-Za-z0-9_-]', {
      operation: 'idempotency key',
      retryable: false,
    });
  return key;
}

export function createPoolClient(options: PoolClientOptions) {
  const { config, log } = options;
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const baseDelayMs = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const userAgent = options.userAgent ?? 'proxy-storefront/0.1 (+https://github.com/proxies-sx)';
  const baseUrl = config.apiUrl.replace(/\/+$/, '');

  function backoff(retry: number): number {
    return Math.round(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));
  }

  /** One HTTP exchange; the timeout covers the headers AND the body. Throws UpstreamError. */
  async function attempt<T>(spec: RequestSpec<T>, url: string): Promise<T> {
    const headers: Record<string, string> = {
      'X-API-Key': config.apiKey,
      Accept: 'application/json',
      'User-Agent': userAgent,
    };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    if (spec.idempotencyKey) headers['Idempotency-Key'] = spec.idempotencyKey;
    const controller = new AbortController();
    let status: number | undefined;
    let requestId: string | undefined;
    let retryAfterMs: number | undefined;
    let timedOut = false;
    let onTimeout: () => void = () => {};
    const timeoutError = () =>
      new UpstreamError('timeout', `${spec.operation}: no complete answer within ${timeoutMs} ms`, {
        operation: spec.operation,
        upstreamStatus: status,
        upstreamRequestId: requestId,
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
    }, timeoutMs);
    try {
      let res: Response;
      try {
        const sending = fetchImpl(url, {
          method: spec.method,
          headers,
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
      status = res.status;
      requestId = res.headers.get('x-request-id') ?? undefined;
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      let text: string;
      try {
        const reading = res.text();
        reading.catch(() => {}); // if the deadline wins, the abandoned read must not reject unhandled
        text = await Promise.race([reading, deadline]);
      } catch (err) {
        if (err instanceof UpstreamError) throw err;
        if (timedOut) throw timeoutError();
        // The connection broke mid-body: the server may or may not have acted.
        throw new UpstreamError(
          'network',
          `${spec.operation}: answer cut off (${(err as Error)?.message ?? 'read error'})`,
          {
            operation: spec.operation,
            upstreamStatus: status,
            upstreamRequestId: requestId,
            retryable: true,
            cause: err,
          },
        );
      }
      const details = { operation: spec.operation, upstreamStatus: status, upstreamRequestId: requestId, retryAfterMs };
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
    } finally {
      clearTimeout(timer);
    }
  }

  function mayRetry(spec: RequestSpec<unknown>): boolean {
    if (spec.method === 'GET' || spec.method === 'PATCH') return true;
    if (spec.method === 'POST') return Boolean(spec.idempotencyKey);
    return Boolean(spec.checkState);
  }

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const url = new URL(baseUrl + spec.path);
    for (const [name, value] of Object.entries(spec.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const maxRetries = mayRetry(spec as RequestSpec<unknown>)
      ? (spec.maxRetries ?? options.maxRetries ?? DEFAULTS.maxRetries)
      : 0;
    for (let tries = 1; ; tries++) {
      try {
        return await attempt(spec, url.toString());
      } catch (caught) {
        const err =
          caught instanceof UpstreamError
            ? caught
            : new UpstreamError('network', `${spec.operation}: ${(caught as Error)?.message ?? 'failed'}`, {
                operation: spec.operation,
                retryable: false,
                cause: caught,
              });
        let retry = err.retryable && tries <= maxRetries;
        let delay = backoff(tries - 1);
        if (retry && err.retryAfterMs !== undefined) {
          if (err.retryAfterMs > maxRetryAfterMs) retry = false;
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
          log.error('upstream call failed', fields);
          Object.assign(err, { attempts: tries });
          throw err;
        }
        log.warn('upstream call failed, retrying', fields);
        await sleep(delay);
        if (spec.checkState) {
          // A DELETE that timed out may have happened: look before deleting again.
          if ((await spec.checkState()) === 'done') {
            log.info('upstream delete had already taken effect', { operation: spec.operation, path: spec.path });
            return spec.doneAnswer as T;
          }
        }
      }
    }
  }

  const keyParser = schemaParser(PoolAccessKey);
  const secretKeyParser = schemaParser(PoolAccessKeyWithSecret);

  const client = {
    /** POST /reseller/pool-keys. Pass an idempotencyKey (e.g. from the order id) so a retry cannot mint twice. */
    async mintKey(input: MintKeyInput, opts: CallOptions = {}) {
      return request({
        operation: 'mint key',
        method: 'POST',
        path: '/reseller/pool-keys',
        body: input,
        parse: secretKeyParser,
        idempotencyKey: checkIdempotencyKey(opts.idempotencyKey),
        maxRetries: opts.maxRetries,
      });
    },
    /** Every key of the reseller (bare array, no pagination; secrets may be masked). */
    async listKeys(opts: CallOptions = {}) {
      return request({
        operation: 'list keys',
        method: 'GET',
        path: '/reseller/pool-keys',
        parse: schemaParser(PoolAccessKeyList),
        maxRetries: opts.maxRetries,
      });
    },
    /** The key (secret may be masked: use revealKey to read it). Throws with `notFound` when unknown. */
    async getKey(id: string, opts: CallOptions = {}) {
      return request({
        operation: 'get key',
        method: 'GET',
        path: keyPath(id),
        parse: keyParser,
        maxRetries: opts.maxRetries,
      });
    },
    /** PATCH: omitted fields unchanged; `expiresAt: null` removes the expiry. Absolute values, so safe to retry. */
    async updateKey(id: string, patch: UpdateKeyInput, opts: CallOptions = {}) {
      return request({
        operation: 'update key',
        method: 'PATCH',
        path: keyPath(id),
        body: patch,
        parse: keyParser,
        maxRetries: opts.maxRetries,
      });
    },
    /** Adds GB and/or days (never re-enables a suspended key). Retried only with an idempotencyKey. */
    async topUpKey(id: string, input: TopUpInput, opts: CallOptions = {}) {
      return request({
        operation: 'top up key',
        method: 'POST',
        path: keyPath(id, '/topup'),
        body: input,
        parse: keyParser,
        idempotencyKey: checkIdempotencyKey(opts.idempotencyKey),
        maxRetries: opts.maxRetries,
      });
    },
    /** New secret, same id; the old one dies at once. Retried only with an idempotencyKey. */
    async regenerateKey(id: string, opts: CallOptions = {}) {
      return request({
        operation: 'regenerate key',
        method: 'POST',
        path: keyPath(id, '/regenerate'),
        parse: secretKeyParser,
        idempotencyKey: checkIdempotencyKey(opts.idempotencyKey),
        maxRetries: opts.maxRetries,
      });
    },
    /** The unmasked secret; the platform writes a `reveal` audit event. */
    async revealKey(id: string, opts: CallOptions = {}) {
      return request({
        operation: 'reveal key',
        method: 'POST',
        path: keyPath(id, '/reveal'),
        parse: secretKeyParser,
        idempotencyKey: checkIdempotencyKey(opts.idempotencyKey),
        maxRetries: opts.maxRetries,
      });
    },
    /** Deletes the key. After a failed attempt it GETs the key: gone → done, still there → DELETE again. */
    async deleteKey(id: string, opts: CallOptions = {}) {
      const path = keyPath(id);
      return request<DeleteKeyAnswer>({
        operation: 'delete key',
        method: 'DELETE',
        path,
        parse: schemaParser(DeleteKeyAnswer),
        maxRetries: opts.maxRetries,
        doneAnswer: { message: 'Pool access key deleted' },
        checkState: async () => {
          try {
            await client.getKey(id, { maxRetries: 0 });
            return 'retry';
          } catch (err) {
            if (err instanceof UpstreamError && err.notFound) return 'done';
            throw err;
          }
        },
      });
    },
    /** Audit events of one key, newest first (limit 1–200). */
    async keyAudit(id: string, query: AuditQuery = {}): Promise<AuditEvent[]> {
      return request({
        operation: 'key audit',
        method: 'GET',
        path: keyPath(id, '/audit'),
        query: { before: query.before, limit: query.limit },
        parse: schemaParser(AuditEventList),
      });
    },
    /** Audit events of every key of the reseller, newest first (limit 1–500). For operators only. */
    async resellerAudit(query: AuditQuery & { action?: string } = {}): Promise<AuditEvent[]> {
      return request({
        operation: 'reseller audit',
        method: 'GET',
        path: '/reseller/pool-keys/audit',
        query: { action: query.action, before: query.before, limit: query.limit },
        parse: schemaParser(AuditEventList),
      });
    },
    /** Daily in/out MB for the last `days` (1–365), read defensively (the exact shape is unconfirmed). */
    async keyUsage(id: string, days = 30): Promise<KeyUsageDay[]> {
      return request({
        operation: 'key usage',
        method: 'GET',
        path: keyPath(id, '/usage'),
        query: { days },
        parse: (json) => {
          const series = parseKeyUsage(json);
          return series ? { ok: true, value: series } : { ok: false, problem: 'no daily series found' };
        },
      });
    },
    /** Active gateway sessions of ONE key (the platform would return every customer's without pakId). */
    async listSessions(pakId: string) {
      return request({
        operation: 'list sessions',
        method: 'GET',
        path: '/gateway/pool/my-sessions',
        query: { pakId: requirePakId(pakId) },
        parse: schemaParser(SessionsAnswer),
      });
    },
    /** Closes one session of the key; `{success: false}` when it is unknown or not this key's. */
    async closeSession(pakId: string, sessionKey: string) {
      if (!sessionKey)
        throw new UpstreamError('config', 'sessionKey is required', { operation: 'close session', retryable: false });
      return request({
        operation: 'close session',
        method: 'DELETE',
        path: `/gateway/pool/my-sessions/${encodeURIComponent(sessionKey)}`,
        query: { pakId: requirePakId(pakId) },
        parse: schemaParser(CloseSessionAnswer),
        doneAnswer: { success: true, message: 'Session closed' },
        checkState: async () =>
          (await client.listSessions(pakId)).sessions.some((s) => s.sessionKey === sessionKey) ? 'retry' : 'done',
      });
    },
    /** Closes every session of the key. */
    async closeAllSessions(pakId: string) {
      return request({
        operation: 'close all sessions',
        method: 'DELETE',
        path: '/gateway/pool/my-sessions',
        query: { pakId: requirePakId(pakId) },
        parse: schemaParser(CloseSessionAnswer),
        doneAnswer: { success: true, message: 'Sessions closed' },
        checkState: async () => ((await client.listSessions(pakId)).sessions.length > 0 ? 'retry' : 'done'),
      });
    },
    /** Public pool stock per country. */
    async stock(opts: CallOptions = {}) {
      return request({
        operation: 'stock',
        method: 'GET',
        path: '/gateway/pool/stock',
        parse: schemaParser(PoolStock),
        maxRetries: opts.maxRetries,
      });
    },
    /** Public incidents, from either the envelope or the older bare array. */
    async incidents(opts: CallOptions = {}): Promise<IncidentsFeed> {
      const parse = schemaParser(IncidentsAnswer);
      return request({
        operation: 'incidents',
        method: 'GET',
        path: '/gateway/incidents',
        maxRetries: opts.maxRetries,
        parse: (json) => {
          const result = parse(json);
          return result.ok ? { ok: true, value: toIncidentsFeed(result.value) } : result;
        },
      });
    },
    /** The platform's current wholesale rates, opaque JSON. */
    async wholesalePricing() {
      return request({
        operation: 'wholesale pricing',
        method: 'GET',
        path: '/x402/pricing',
        parse: schemaParser(WholesalePricing),
      });
    },
  };
  return client;
}

export type PoolClient = ReturnType<typeof createPoolClient>;
export type { ActiveSession };
