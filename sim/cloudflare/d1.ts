// D1: list, create and look up databases (by id or by name, as wrangler does), and run SQL through `/query` (rows
// as objects) and `/raw` (columns and row arrays). Each database is a real in-memory SQLite database.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Context } from 'hono';
import { type CfContext, fail, jsonBody, newRouter, ok } from './api.ts';
import { runQuery, type StatementResult } from './d1-sql.ts';
import { type D1Database, now } from './state.ts';

const DATABASE_NAME = /^[a-z0-9][a-z0-9-_]{0,63}$/;

function describe(db: D1Database) {
  const tables = db.sqlite
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .get() as { n: number };
  return { uuid: db.uuid, name: db.name, created_at: db.createdAt, version: 'production', num_tables: tables.n };
}

/** `:databaseId` is an id, or a name (wrangler looks databases up by name). */
function findDatabase(c: CfContext): D1Database | undefined {
  const key = c.req.param('databaseId') ?? '';
  const { d1 } = c.get('account');
  return d1.get(key) ?? [...d1.values()].find((db) => db.name === key);
}

const notFound = (c: Context) => fail(c, 404, 7404, 'The database could not be found');

function meta(result: StatementResult, startedAt: number) {
  return {
    changed_db: result.changes > 0,
    changes: result.changes,
    last_row_id: result.lastRowId,
    rows_read: result.rows.length,
    rows_written: result.changes,
    duration: performance.now() - startedAt,
    served_by: 'cloudflare-simulator',
  };
}

/** Both query endpoints: parse `{sql, params}`, run it, shape each statement's result with `shape`. */
async function query(c: CfContext, shape: (result: StatementResult) => unknown) {
  const db = findDatabase(c);
  if (!db) return notFound(c);
  const body = await jsonBody<{ sql?: string; params?: SQLInputValue[] }>(c);
  if (!body?.sql) return fail(c, 400, 7400, 'sql is required');
  const startedAt = performance.now();
  try {
    const results = runQuery(db.sqlite, body.sql, body.params);
    return ok(
      c,
      results.map((result) => ({ results: shape(result), success: true, meta: meta(result, startedAt) })),
    );
  } catch (err) {
    return fail(c, 400, 7500, `${(err as Error).message}: SQLITE_ERROR`);
  }
}

export const d1Routes = newRouter()
  .get('/accounts/:accountId/d1/database', (c) => {
    const name = c.req.query('name');
    const all = [...c.get('account').d1.values()].filter((db) => !name || db.name === name).map(describe);
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const perPage = Math.max(1, Number(c.req.query('per_page') ?? 10) || 10);
    return ok(c, all.slice((page - 1) * perPage, page * perPage), { page, per_page: perPage, total_count: all.length });
  })
  .post('/accounts/:accountId/d1/database', async (c) => {
    const body = await jsonBody<{ name?: string }>(c);
    const name = body?.name ?? '';
    if (!DATABASE_NAME.test(name)) return fail(c, 400, 7400, 'name must be lowercase letters, digits, - and _');
    const { d1 } = c.get('account');
    if ([...d1.values()].some((db) => db.name === name))
      return fail(c, 400, 7502, 'A database with that name already exists');
    const db: D1Database = { uuid: crypto.randomUUID(), name, createdAt: now(), sqlite: new DatabaseSync(':memory:') };
    d1.set(db.uuid, db);
    return ok(c, describe(db));
  })
  .get('/accounts/:accountId/d1/database/:databaseId', (c) => {
    const db = findDatabase(c);
    return db ? ok(c, describe(db)) : notFound(c);
  })
  .post('/accounts/:accountId/d1/database/:databaseId/query', (c) =>
    query(c, ({ columns, rows }) => rows.map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i]])))),
  )
  .post('/accounts/:accountId/d1/database/:databaseId/raw', (c) =>
    query(c, ({ columns, rows }) => ({ columns, rows })),
  );
