// Reads that ride together in one D1 round trip. Far from the database's primary every sequential query costs a
// full round trip, so a request gathers what it needs (keyed by what it already knows, such as the signed-in
// customer's id) and sends it as one `db.batch`: one trip, one consistent snapshot.
import type { BatchStatement, Db } from './index.ts';

/** One statement of a batch and how its result becomes the answer. */
export interface Read<T> {
  readonly statement: BatchStatement;
  readonly pick: (result: unknown) => T;
}

export type Reads = Record<string, Read<unknown>>;
export type ReadResults<R extends Reads> = { [K in keyof R]: R[K] extends Read<infer T> ? T : never };

type TogetherResults<G extends Reads[]> = { [I in keyof G]: G[I] extends Reads ? ReadResults<G[I]> : never };

/** `statement` (a select, or a write with `returning`), its result turned into the answer by `pick`. */
export function read<Q extends BatchStatement, T>(statement: Q, pick: (result: Awaited<Q>) => T): Read<T> {
  return { statement, pick: (result) => pick(result as Awaited<Q>) };
}

/** Every row the statement answers. */
export const rows = <Q extends BatchStatement>(statement: Q) => read(statement, (r) => r);

/** The statement's first row, if any. */
export const firstRow = <Q extends BatchStatement & PromiseLike<readonly unknown[]>>(statement: Q) =>
  read(statement, (r) => (r as readonly unknown[])[0] as Awaited<Q>[number] | undefined);

/** Writes to send in a batch beside reads (their results are not needed). */
export const writes = (statements: BatchStatement[]): Reads =>
  Object.fromEntries(statements.map((statement, i) => [`write${i}`, read(statement, () => null)]));

/**
 * Every read of every group in ONE db.batch (one round trip, executed as one transaction, so all see the same
 * state); answers each group's reads by name. Writes in the batch (e.g. a session's renewal) come first when listed
 * first, and the reads after them see them.
 */
export async function readTogether<G extends Reads[]>(db: Db, ...groups: [...G]): Promise<TogetherResults<G>> {
  const entries = groups.map((group) => Object.entries(group));
  const statements = entries.flat().map(([, r]) => r.statement);
  const [first, ...rest] = statements;
  const results: unknown[] = first ? await db.batch([first, ...rest]) : [];
  let at = 0;
  return entries.map((group) =>
    Object.fromEntries(group.map(([name, r]) => [name, r.pick(results[at++])])),
  ) as TogetherResults<G>;
}
