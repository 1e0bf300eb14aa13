// D1's limits, enforced in every test: the local D1 is SQLite, which takes far more than D1 does in some builds and
// whose refusal a job can swallow (a logged failure, a retried message). Every statement the Worker or a test
// prepares goes through this wrapper of the test bindings; one that binds more than D1_MAX_BOUND_PARAMETERS is
// refused as D1 refuses it AND recorded, and the suite's afterEach (test/setup.ts) fails the test that made it.
import { D1_MAX_BOUND_PARAMETERS } from '../src/bounds.ts';

const violations: string[] = [];

/** The statements over the limit since the last call (and forgets them). */
export function takeBoundParameterViolations(): string[] {
  return violations.splice(0);
}

const WRAPPED = Symbol('bound-parameter-guard');

class GuardedStatement {
  readonly real: D1PreparedStatement;
  readonly sql: string;
  constructor(real: D1PreparedStatement, sql: string) {
    this.real = real;
    this.sql = sql;
  }
  bind(...values: unknown[]): GuardedStatement {
    if (values.length > D1_MAX_BOUND_PARAMETERS) {
      violations.push(`${values.length} bound parameters: ${this.sql.slice(0, 160)}`);
      throw new Error(
        `D1_ERROR: too many SQL variables (${values.length} bound; D1 takes at most ${D1_MAX_BOUND_PARAMETERS})`,
      );
    }
    return new GuardedStatement(this.real.bind(...values), this.sql);
  }
  first(column?: string) {
    return column === undefined ? this.real.first() : this.real.first(column);
  }
  all() {
    return this.real.all();
  }
  run() {
    return this.real.run();
  }
  raw(options?: { columnNames?: boolean }) {
    return this.real.raw(options as { columnNames: true });
  }
}

const unwrap = (statements: unknown[]) =>
  statements.map((s) => (s instanceof GuardedStatement ? s.real : (s as D1PreparedStatement)));

function guardedSession<T extends Pick<D1Database, 'prepare' | 'batch'>>(db: T) {
  return {
    prepare: (sql: string) => new GuardedStatement(db.prepare(sql), sql),
    batch: (statements: unknown[]) => db.batch(unwrap(statements)),
  };
}

/** `db` with every statement checked against D1's bound-parameter limit (sessions too). */
export function guardBoundParameters(db: D1Database): D1Database {
  if ((db as unknown as Record<symbol, boolean>)[WRAPPED]) return db;
  return {
    [WRAPPED]: true,
    ...guardedSession(db),
    exec: (query: string) => db.exec(query),
    dump: () => db.dump(),
    withSession: (constraintOrBookmark?: string) => {
      const session = db.withSession(constraintOrBookmark);
      return { ...guardedSession(session), getBookmark: () => session.getBookmark() };
    },
  } as unknown as D1Database;
}
