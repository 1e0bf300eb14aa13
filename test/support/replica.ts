// A lagging read replica for tests, the way D1 read replication behaves to a Worker through the Sessions API.
// Writes, and sessions started 'first-primary', go to the real database (env.DB, the primary). env.REPLICA_DB holds
// a copy of the primary as of the last `catchUp()` and lags behind it until the next one. A session started
// 'first-unconstrained' reads the replica; one started from a bookmark reads the replica only when the replica is at
// least that new, else the primary; once a session has written, it reads the primary. Bookmarks count the writes
// made through this wrapper (`00000000-00000007`, hex), so they sort like D1's.
import { env as testEnv } from 'cloudflare:test';

const WRITE = /^\s*(insert|update|delete|replace)\b/i;
const bookmarkOf = (writes: number) => `00000000-${writes.toString(16).padStart(8, '0')}`;
const writesOf = (bookmark: string) => Number.parseInt(bookmark.split('-')[1] ?? '', 16) || 0;

/** A statement that runs wherever its session reads at the moment it runs. */
class RoutedStatement {
  readonly sql: string;
  readonly values: unknown[];
  readonly session: LaggingSession;
  constructor(session: LaggingSession, sql: string, values: unknown[] = []) {
    this.session = session;
    this.sql = sql;
    this.values = values;
  }
  bind(...values: unknown[]) {
    return new RoutedStatement(this.session, this.sql, values);
  }
  on(db: D1Database) {
    return db.prepare(this.sql).bind(...this.values);
  }
  all() {
    return this.session.run([this], (db) => this.on(db).all());
  }
  raw(options?: { columnNames?: boolean }) {
    return this.session.run([this], (db) => this.on(db).raw(options as { columnNames: true }));
  }
  run() {
    return this.session.run([this], (db) => this.on(db).run());
  }
  first(column?: string) {
    return this.session.run([this], (db) => (column === undefined ? this.on(db).first() : this.on(db).first(column)));
  }
}

class LaggingSession {
  readonly replica: LaggingReplica;
  onPrimary: boolean;
  seen: number;
  constructor(replica: LaggingReplica, start: string) {
    this.replica = replica;
    this.onPrimary =
      start === 'first-primary' || (start !== 'first-unconstrained' && writesOf(start) > replica.replicaAt);
    this.seen = this.onPrimary ? replica.writes : replica.replicaAt;
  }
  async run<T>(statements: RoutedStatement[], query: (db: D1Database) => Promise<T>): Promise<T> {
    const writes = statements.some((s) => WRITE.test(s.sql));
    if (writes) this.onPrimary = true;
    const result = await query(this.onPrimary ? testEnv.DB : testEnv.REPLICA_DB);
    if (writes) this.replica.writes++;
    if (this.onPrimary) this.seen = this.replica.writes;
    return result;
  }
  prepare(sql: string) {
    return new RoutedStatement(this, sql);
  }
  batch(statements: RoutedStatement[]) {
    return this.run(statements, (db) => db.batch(statements.map((s) => s.on(db))));
  }
  getBookmark() {
    return bookmarkOf(this.seen);
  }
}

export class LaggingReplica {
  writes = 0;
  replicaAt = 0;
  /** The Worker's bindings with DB replaced by this replicated database. */
  readonly env: Env;
  constructor() {
    const withSession = (start = 'first-unconstrained') => new LaggingSession(this, start);
    this.env = { ...testEnv, DB: { ...testEnv.DB, withSession } as unknown as D1Database };
  }

  /** The replica copies the primary as it is now (every table, in one batch). */
  async catchUp(): Promise<void> {
    const { results: tables } = await testEnv.DB.prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations'",
    ).all<{ name: string }>();
    const copy: D1PreparedStatement[] = [testEnv.REPLICA_DB.prepare('pragma defer_foreign_keys = on')];
    for (const { name } of tables) {
      copy.push(testEnv.REPLICA_DB.prepare(`delete from "${name}"`));
      const { results: rows } = await testEnv.DB.prepare(`select * from "${name}"`).all<Record<string, unknown>>();
      for (const row of rows) {
        const columns = Object.keys(row);
        copy.push(
          testEnv.REPLICA_DB.prepare(
            `insert into "${name}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          ).bind(...Object.values(row)),
        );
      }
    }
    await testEnv.REPLICA_DB.batch(copy);
    this.replicaAt = this.writes;
  }
}
