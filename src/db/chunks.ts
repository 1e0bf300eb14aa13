// Lists of ids in `IN (…)` clauses, cut below D1's bound-parameter limit. Every query over a list of ids reads
// through here; the test suite fails any statement that binds more than D1 allows (test/d1-limits.ts).
import { IN_LIST_MAX_IDS } from '../bounds.ts';

/** `items` in consecutive slices of at most `size`. */
export function chunksOf<T>(items: readonly T[], size: number = IN_LIST_MAX_IDS): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a whole number ≥ 1, not ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * The rows `read` answers for the distinct `ids`, asked IN_LIST_MAX_IDS at a time (one query each, one after
 * another), in one list.
 */
export async function readByIds<T>(ids: readonly string[], read: (slice: string[]) => PromiseLike<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (const slice of chunksOf([...new Set(ids)])) found.push(...(await read(slice)));
  return found;
}
