// drizzle over the D1 binding. D1 has no interactive transactions: atomic multi-statement writes use db.batch().
// D1's transient failures are retried here, for reads and idempotent writes only (retry.ts).
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../schema.ts';
import { retryingD1 } from './retry.ts';

export type Db = ReturnType<typeof openDb>;

/** One statement of an atomic `db.batch([...])`. */
export type BatchStatement = Parameters<Db['batch']>[0][number];

/** Over the binding itself, or over one of its sessions (read replication): drizzle only prepares and batches. */
export function openDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(retryingD1(d1) as unknown as D1Database, { schema });
}

export { D1_RETRY_POLICY, idempotent } from './retry.ts';
export { schema };
