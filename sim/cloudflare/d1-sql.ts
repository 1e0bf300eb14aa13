// Runs a D1 API query body against a real SQLite database (node:sqlite): the SQL is split into statements, which
// run in one transaction, as D1 does — a failing statement rolls back the whole request.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

export interface StatementResult {
  columns: string[];
  rows: unknown[][];
  changes: number;
  lastRowId: number;
}

/** Splits SQL on top-level `;`, skipping quoted text and comments; a trigger body ends at its `END;`. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      i = sql.indexOf(close, i + 1);
      if (i === -1) break;
    } else if (ch === '-' && next === '-') {
      i = sql.indexOf('\n', i);
      if (i === -1) break;
    } else if (ch === '/' && next === '*') {
      i = sql.indexOf('*/', i + 2) + 1;
      if (i === 0) break;
    } else if (ch === ';') {
      const statement = sql.slice(start, i);
      const inTrigger = /^\s*CREATE\s+(TEMP\w*\s+)?TRIGGER\b/i.test(strip(statement)) && !/\bEND\s*$/i.test(statement);
      if (!inTrigger) {
        statements.push(statement);
        start = i + 1;
      }
    }
    i++;
  }
  statements.push(sql.slice(start));
  return statements.filter((s) => strip(s).trim() !== '');
}

/** The statement without its comments (to tell an empty statement from a real one). */
function strip(statement: string): string {
  return statement.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Runs every statement of `sql` in one transaction; `params` bind to a single statement, as D1's API allows. */
export function runQuery(db: DatabaseSync, sql: string, params: SQLInputValue[] = []): StatementResult[] {
  const statements = splitStatements(sql);
  if (params.length && statements.length > 1) throw new Error('params are only allowed with a single statement');
  db.exec('BEGIN');
  try {
    const results = statements.map((text) => {
      const statement = db.prepare(text);
      statement.setReturnArrays(true);
      const columns = statement.columns().map((column) => column.name);
      if (columns.length)
        return { columns, rows: statement.all(...params) as unknown as unknown[][], changes: 0, lastRowId: 0 };
      const { changes, lastInsertRowid } = statement.run(...params);
      return { columns, rows: [], changes: Number(changes), lastRowId: Number(lastInsertRowid) };
    });
    db.exec('COMMIT');
    return results;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
