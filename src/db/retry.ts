// D1's transient failures, retried where drizzle gets its D1 (openDb). D1 documents three errors a retry can fix:
// "Network connection lost", "storage caused object to be reset" and "reset because its code was updated"
// (https://developers.cloudflare.com/d1/best-practices/retry-queries/; D1 itself retries read-only queries up to two
// more times). The shop retries them a few times more, with exponential backoff and full jitter, as Cloudflare's
// d1-starter-sessions-api-template does (its shouldRetry: those messages, up to 5 attempts), but only where running a
// statement twice is the same as once: a read-only statement, a batch of them, or a write its author declared
// idempotent (`idempotent`). Any other write fails as D1 failed it: a lost connection may have lost only the answer.

/** How the shop retries D1's transient errors: attempts in all, and the backoff before each retry. */
export const D1_RETRY_POLICY = { attempts: 4, firstDelayMs: 25, maxDelayMs: 400 } as const;

export type RetryPolicy = { attempts: number; firstDelayMs: number; maxDelayMs: number };

const TRANSIENT = [
  'Network connection lost',
  'storage caused object to be reset',
  'reset because its code was updated',
];

/** One of the failures D1 documents as transient (read from the error's text, as Cloudflare's template does). */
export function isTransientD1Error(err: unknown): boolean {
  const text = String(err);
  return TRANSIENT.some((message) => text.includes(message));
}

const WRITE = /\b(insert|update|delete|replace|create|drop|alter)\b/i;
/** SQL that only reads (drizzle writes selects as `select …`, never with a write inside). */
const readsOnly = (sql: string) => /^\s*(select|with)\b/i.test(sql) && !WRITE.test(sql);

/** The SQL of writes declared idempotent: a statement's shape (its SQL with placeholders) says what it does. */
const idempotentSql = new Set<string>();

/**
 * Declares a write whose second run changes nothing the first did not (a conditional update to an absolute value, an
 * insert that ignores a conflict), so D1's transient failures may be retried for it; returns the statement.
 */
export function idempotent<Q extends { toSQL(): { sql: string } }>(statement: Q): Q {
  idempotentSql.add(statement.toSQL().sql);
  return statement;
}

const retriable = (sql: string) => readsOnly(sql) || idempotentSql.has(sql);

async function withRetries<T>(run: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= policy.attempts || !isTransientD1Error(err)) throw err;
      const ceiling = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

/** A prepared statement that keeps its SQL, to know whether it may be retried. */
class RetryingStatement {
  readonly inner: D1PreparedStatement;
  readonly sql: string;
  readonly policy: RetryPolicy;
  constructor(inner: D1PreparedStatement, sql: string, policy: RetryPolicy) {
    this.inner = inner;
    this.sql = sql;
    this.policy = policy;
  }
  private attempt<T>(query: () => Promise<T>): Promise<T> {
    return retriable(this.sql) ? withRetries(query, this.policy) : query();
  }
  bind(...values: unknown[]) {
    return new RetryingStatement(this.inner.bind(...values), this.sql, this.policy);
  }
  all() {
    return this.attempt(() => this.inner.all());
  }
  raw(options?: { columnNames?: boolean }) {
    return this.attempt(() => this.inner.raw(options as { columnNames: true }));
  }
  first(column?: string) {
    return this.attempt(() => (column === undefined ? this.inner.first() : this.inner.first(column)));
  }
  run() {
    return this.attempt(() => this.inner.run());
  }
}

/** D1 (the binding or one of its sessions) as drizzle uses it (prepare, batch), with transient failures retried. */
export function retryingD1(d1: D1Database | D1DatabaseSession, policy: RetryPolicy = D1_RETRY_POLICY) {
  return {
    prepare: (sql: string) => new RetryingStatement(d1.prepare(sql), sql, policy),
    batch: (statements: RetryingStatement[]) => {
      const query = () => d1.batch(statements.map((s) => s.inner));
      return statements.every((s) => retriable(s.sql)) ? withRetries(query, policy) : query();
    },
  };
}
