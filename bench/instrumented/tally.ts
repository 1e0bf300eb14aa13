// What a recorded request or queue and cron invocation did, counted: pure, shared by the instrumented Worker (tap.ts)
// and the reports of bench:d1 and bench:scale.

export type OpKind = 'd1' | 'kv' | 'queue' | 'limiter' | 'cache' | 'platform' | 'stripe' | 'fetch';

export interface Op {
  kind: OpKind;
  name: string;
  /** SQL statements (D1 only: a batch is one round trip of several). */
  statements: number;
  start: number;
  end: number;
  /** Started after the answer was given (waitUntil work). */
  late: boolean;
}

export interface Tally {
  d1Statements: number;
  d1RoundTrips: number;
  /** The longest chain of D1 calls each of which started after the one before it had answered. */
  d1Sequential: number;
  kv: number;
  queue: number;
  limiter: number;
  cache: number;
  platform: number;
  stripe: number;
  fetch: number;
}

/** Most calls that ran one after another (interval scheduling: earliest end first gives the longest chain). */
export function sequentialCalls(ops: Pick<Op, 'start' | 'end'>[]): number {
  let chain = 0;
  let free = Number.NEGATIVE_INFINITY;
  for (const op of [...ops].sort((a, b) => a.end - b.end)) {
    if (op.start >= free) {
      chain++;
      free = op.end;
    }
  }
  return chain;
}

export function tally(ops: Op[]): Tally {
  const d1 = ops.filter((op) => op.kind === 'd1');
  const count = (kind: OpKind) => ops.filter((op) => op.kind === kind).length;
  return {
    d1Statements: d1.reduce((sum, op) => sum + op.statements, 0),
    d1RoundTrips: d1.length,
    d1Sequential: sequentialCalls(d1),
    kv: count('kv'),
    queue: count('queue'),
    limiter: count('limiter'),
    cache: count('cache'),
    platform: count('platform'),
    stripe: count('stripe'),
    fetch: count('fetch'),
  };
}

export interface RecordingSummary {
  /** Handler time until the answer, ms. */
  ms: number;
  /** Everything started before the answer. */
  answer: Tally;
  /** Everything started after it (waitUntil). */
  after: Tally;
}

/** What one queue or cron invocation did, counted: its D1 queries, subrequests and rows, and how long it ran. */
export interface InvocationSummary {
  /** `scheduled`, or the queue's name. */
  entry: string;
  /** The job message's job and part, for the jobs queue. */
  job?: string;
  part?: number;
  ms: number;
  d1Queries: number;
  /** D1 round trips, KV, queue, cache and every outbound fetch (the platform, Stripe, mail). */
  subrequests: number;
  rowsRead: number;
  rowsWritten: number;
  tally: Tally;
}
