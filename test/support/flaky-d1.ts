// A D1 that fails the way D1 documents its transient failures, for tests: the next `count` calls whose SQL matches
// `when` throw D1's error with that message (as the binding does: "D1_ERROR: Network connection lost."), then the
// calls reach the real database (env.DB). Every call is recorded with its SQL and whether it failed, so a test sees
// which statements were tried again.
import { env as testEnv } from 'cloudflare:test';

interface Injected {
  message: string;
  count: number;
  when: RegExp;
}

export interface D1Call {
  sql: string;
  failed: boolean;
}

class FlakyStatement {
  readonly flaky: FlakyD1;
  readonly inner: D1PreparedStatement;
  readonly sql: string;
  constructor(flaky: FlakyD1, inner: D1PreparedStatement, sql: string) {
    this.flaky = flaky;
    this.inner = inner;
    this.sql = sql;
  }
  bind(...values: unknown[]) {
    return new FlakyStatement(this.flaky, this.inner.bind(...values), this.sql);
  }
  all() {
    return this.flaky.call([this.sql], () => this.inner.all());
  }
  raw(options?: { columnNames?: boolean }) {
    return this.flaky.call([this.sql], () => this.inner.raw(options as { columnNames: true }));
  }
  first(column?: string) {
    return this.flaky.call([this.sql], () => (column === undefined ? this.inner.first() : this.inner.first(column)));
  }
  run() {
    return this.flaky.call([this.sql], () => this.inner.run());
  }
}

/** The rows D1 says an answer read: a batch's, `all`'s and `run`'s answers carry its meta (`raw`'s do not). */
function rowsReadOf(answer: unknown): number {
  if (Array.isArray(answer)) return answer.reduce((sum: number, one) => sum + rowsReadOf(one), 0);
  const meta = (answer as { meta?: { rows_read?: number } } | null)?.meta;
  return meta?.rows_read ?? 0;
}

export class FlakyD1 {
  readonly calls: D1Call[] = [];
  /** Round trips to D1 (a statement, or a batch: one each). */
  trips = 0;
  /** The rows D1 said it read, over the answers that say it (see rowsReadOf). */
  rowsRead = 0;
  private readonly injected: Injected[] = [];
  /** The Worker's bindings with DB replaced by this database. */
  readonly env: Cloudflare.Env;
  constructor() {
    const session = (start?: string) => {
      const inner = testEnv.DB.withSession(start as D1SessionConstraint);
      return {
        prepare: (sql: string) => new FlakyStatement(this, inner.prepare(sql), sql),
        batch: (statements: FlakyStatement[]) =>
          this.call(
            statements.map((s) => s.sql),
            () => inner.batch(statements.map((s) => s.inner)),
          ),
        getBookmark: () => inner.getBookmark(),
      };
    };
    this.env = { ...testEnv, DB: { ...testEnv.DB, withSession: session } as unknown as D1Database };
  }

  /** The next `count` calls (a statement, or a batch) with a statement matching `when` fail with D1's `message`. */
  failNext(message: string, { count = 1, when = /./ }: { count?: number; when?: RegExp } = {}): void {
    this.injected.push({ message, count, when });
  }

  async call<T>(sqls: string[], query: () => Promise<T>): Promise<T> {
    const fault = this.injected.find((f) => f.count > 0 && sqls.some((sql) => f.when.test(sql)));
    for (const sql of sqls) this.calls.push({ sql, failed: fault !== undefined });
    this.trips++;
    if (fault) {
      fault.count--;
      throw new Error(`D1_ERROR: ${fault.message}`);
    }
    const answer = await query();
    this.rowsRead += rowsReadOf(answer);
    return answer;
  }

  /** The calls whose SQL matches `pattern`. */
  callsOf(pattern: RegExp): D1Call[] {
    return this.calls.filter((c) => pattern.test(c.sql));
  }
}
