// Dev-only instrumentation for `npm run bench:d1`: wraps the Worker's bindings, `fetch` and the Cache API so that
// every D1 statement and round trip, KV, queue, rate-limit and cache operation and outbound call a request makes is
// recorded with its start and end, and optionally delays every D1 call (to show what a far-away primary costs).
// Nothing in src/ imports it: the deployed Worker is built from src/index.ts (bench:d1 checks the dry-run bundle).
import { AsyncLocalStorage } from 'node:async_hooks';
import { type InvocationSummary, type Op, type OpKind, type RecordingSummary, tally } from './tally.ts';

/** Where outbound calls go, to tell the platform and Stripe apart from anything else. */
export interface Upstreams {
  platform: string;
  stripe: string;
}

/** What one request did, in the order it happened. */
export class Recording {
  readonly ops: Op[] = [];
  readonly started = Date.now();
  answeredAt: number | null = null;
  readonly background: Promise<unknown>[] = [];
  /** D1's own count of the rows its statements read and wrote (each answer's `meta`). */
  rowsRead = 0;
  rowsWritten = 0;
  readonly d1DelayMs: number;
  readonly upstreams: Upstreams;
  constructor(d1DelayMs: number, upstreams: Upstreams) {
    this.d1DelayMs = d1DelayMs;
    this.upstreams = upstreams;
  }

  async time<T>(kind: OpKind, name: string, statements: number, run: () => Promise<T>): Promise<T> {
    const op: Op = { kind, name, statements, start: Date.now(), end: Number.NaN, late: this.answeredAt !== null };
    this.ops.push(op);
    try {
      if (kind === 'd1' && this.d1DelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.d1DelayMs));
      return await run();
    } finally {
      op.end = Date.now();
    }
  }

  /** Resolves once the request's background work (waitUntil) has settled, including work it started itself. */
  async settled(): Promise<void> {
    let seen = -1;
    while (seen !== this.background.length) {
      seen = this.background.length;
      await Promise.allSettled(this.background);
    }
  }
}

const recordings = new AsyncLocalStorage<Recording>();

/** Runs `handle` with every tapped call it makes (and its waitUntil work makes) recorded in `recording`. */
export function recordInto<T>(recording: Recording, handle: () => T): T {
  return recordings.run(recording, handle);
}

function timed<T>(kind: OpKind, name: string, statements: number, run: () => Promise<T>): Promise<T> {
  const recording = recordings.getStore();
  return recording ? recording.time(kind, name, statements, run) : run();
}

// ── D1 ────────────────────────────────────────────────────────────────────────────────────────────────

class TappedStatement {
  readonly real: D1PreparedStatement;
  constructor(real: D1PreparedStatement) {
    this.real = real;
  }
  bind(...values: unknown[]): TappedStatement {
    return new TappedStatement(this.real.bind(...values));
  }
  first(column?: string) {
    return timed('d1', 'first', 1, () => (column === undefined ? this.real.first() : this.real.first(column)));
  }
  all() {
    return timed('d1', 'all', 1, () => this.real.all());
  }
  run() {
    return timed('d1', 'run', 1, () => this.real.run());
  }
  raw(options?: { columnNames?: boolean }) {
    return timed('d1', 'raw', 1, () => this.real.raw(options as { columnNames: true }));
  }
}

type D1Like = Pick<D1Database, 'prepare' | 'batch'>;

function unwrap(statements: unknown[]): D1PreparedStatement[] {
  return statements.map((s) => (s instanceof TappedStatement ? s.real : (s as D1PreparedStatement)));
}

function tapD1Like<T extends D1Like>(db: T) {
  return {
    prepare: (query: string) => new TappedStatement(db.prepare(query)),
    batch: (statements: unknown[]) => timed('d1', 'batch', statements.length, () => db.batch(unwrap(statements))),
  };
}

const ROWS_READ = /"rows_read":(\d+)/g;
const ROWS_WRITTEN = /"rows_written":(\d+)/g;
const sum = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].reduce((n, m) => n + Number(m[1]), 0);

/** Adds the rows an answer of D1 says it read and wrote to the current recording. */
async function addRows(response: Response): Promise<Response> {
  const recording = recordings.getStore();
  if (recording) {
    const text = await response.clone().text();
    recording.rowsRead += sum(text, ROWS_READ);
    recording.rowsWritten += sum(text, ROWS_WRITTEN);
  }
  return response;
}

type Exchange = (...args: unknown[]) => Promise<Response>;

/**
 * Counts the rows D1 says each answer read and wrote (every statement's answer carries `meta.rows_read`, also those
 * the binding hands back as bare rows), at the session's own exchange with D1: workerd's D1 session sends every query
 * through `_wrappedFetch` (wrangler's workerd) or its `fetcher` (the vitest plugin's). Without either, no rows.
 */
function countRows(session: D1DatabaseSession): void {
  const open = session as unknown as { _wrappedFetch?: Exchange; fetcher?: { fetch: Exchange } };
  const wrapped = open._wrappedFetch;
  if (typeof wrapped === 'function') {
    open._wrappedFetch = async (...args) => addRows(await wrapped.apply(session, args));
    return;
  }
  const link = open.fetcher;
  if (link) open.fetcher = { fetch: async (...args) => addRows(await link.fetch(...args)) };
}

/** The D1 binding with every round trip recorded, sessions (withSession) included. */
export function tapD1(db: D1Database): D1Database {
  return {
    ...tapD1Like(db),
    exec: (query: string) => timed('d1', 'exec', 1, () => db.exec(query)),
    withSession: (constraintOrBookmark?: string) => {
      const session = db.withSession(constraintOrBookmark);
      countRows(session);
      return { ...tapD1Like(session), getBookmark: () => session.getBookmark() };
    },
  } as unknown as D1Database;
}

// ── KV, queues, rate limiters ────────────────────────────────────────────────────────────────────────────

/** `target` with the named methods recorded as `kind` operations. */
function tapMethods<T extends object>(target: T, kind: OpKind, methods: string[]): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (!methods.includes(String(property))) return method.bind(object);
      return (...args: unknown[]) => timed(kind, String(property), 0, () => method.apply(object, args));
    },
  });
}

export const tapKv = (kv: KVNamespace) => tapMethods(kv, 'kv', ['get', 'getWithMetadata', 'put', 'delete', 'list']);
export const tapQueue = <Q extends Queue>(queue: Q) => tapMethods(queue, 'queue', ['send', 'sendBatch']);
export const tapLimiter = (limiter: RateLimit) => tapMethods(limiter, 'limiter', ['limit']);

// ── fetch and the Cache API (globals) ────────────────────────────────────────────────────────────────────

function destination(url: string): OpKind {
  const upstreams = recordings.getStore()?.upstreams;
  if (upstreams && url.startsWith(upstreams.platform)) return 'platform';
  if (upstreams && url.startsWith(upstreams.stripe)) return 'stripe';
  return 'fetch';
}

/** Replaces the global `fetch` and `caches.default` by recorded ones (once per isolate). */
export function tapGlobals(): void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    return timed(destination(url), new URL(url).pathname, 0, () => realFetch(input, init));
  };
  // Typed by hand: the test build's DOM lib (from Preact) hides the Workers' `caches.default`.
  const realCaches = (globalThis as unknown as { caches: { default: Cache; open(name: string): Promise<Cache> } })
    .caches;
  const cache = tapMethods(realCaches.default, 'cache', ['match', 'put', 'delete']);
  Object.defineProperty(globalThis, 'caches', {
    configurable: true,
    value: { default: cache, open: (name: string) => realCaches.open(name) },
  });
}

export function summariseInvocation(
  recording: Recording,
  entry: string,
  job?: { job: string; part: number },
): InvocationSummary {
  const t = tally(recording.ops);
  return {
    entry,
    ...job,
    ms: Date.now() - recording.started,
    d1Queries: t.d1Statements,
    subrequests: t.d1RoundTrips + t.kv + t.queue + t.cache + t.platform + t.stripe + t.fetch,
    rowsRead: recording.rowsRead,
    rowsWritten: recording.rowsWritten,
    tally: t,
  };
}

/**
 * The answer waited for the calls that ended before it was given; background work (waitUntil) started inside the
 * handler but still running when the answer left did not hold it up, and counts as after.
 */
export function summarise(recording: Recording): RecordingSummary {
  const answeredAt = recording.answeredAt ?? Date.now();
  const waitedFor = (op: Op) => !op.late && op.end <= answeredAt;
  return {
    ms: answeredAt - recording.started,
    answer: tally(recording.ops.filter(waitedFor)),
    after: tally(recording.ops.filter((op) => !waitedFor(op))),
  };
}
