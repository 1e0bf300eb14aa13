// The usage sweep, in pages: the platform lists every key in one call (docs/UPSTREAM.md: a bare array, no
// pagination), read as a stream into [id, enabled, used MB] readings and cut into pages of consecutive ids; each page
// is compared with the D1 keys of the same id range, which records usage that moved and marks owed the customers
// whose key vanished upstream or whose enabled flag differs from what the shop set (the reconcile finds out why).
import type { KeyUsageReading } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import { recordUsagesStatement, type UsageReading, workingKeysInRange } from './store.ts';
import type { SweepPage } from './sweep-pages.ts';
import { markManyOwedStatement } from './sync.ts';

/** The platform's readings of every key, fetched once for the whole sweep (its first message). */
export function readPlatformUsage({ pool }: Pick<Services, 'pool'>): Promise<KeyUsageReading[]> {
  return pool.listKeyUsage();
}

export interface SweptPage {
  /** Keys whose usage moved and was recorded. */
  recorded: number;
  /** Customers marked owed a reconcile. */
  marked: number;
  /** The rest of the range when it held more than `rowLimit` D1 keys: the next message's page. */
  rest: SweepPage | null;
}

/** Compares one page with D1 (at most `rowLimit` rows) and writes what differs in one batch of at most two statements. */
export async function sweepPage(
  { db, clock }: Pick<Services, 'db' | 'clock'>,
  page: SweepPage,
  rowLimit: number,
): Promise<SweptPage> {
  // One more than the limit: whether the range goes on past it.
  const read = await workingKeysInRange(db, page, rowLimit + 1);
  const rows = read.slice(0, rowLimit);
  const live = new Map(page.keys.map((k) => [k[0], k]));
  const now = clock.now();
  const owed = new Set<string>();
  const readings: UsageReading[] = [];
  for (const key of rows) {
    const seen = key.upstreamId ? live.get(key.upstreamId) : undefined;
    if (!seen || Boolean(seen[1]) !== key.enabled) owed.add(key.customerId);
    if (seen && key.upstreamId && seen[2] > key.usedMb) readings.push([key.id, key.upstreamId, seen[2]]);
  }
  const writes = [
    ...(readings.length ? [recordUsagesStatement(db, readings, now)] : []),
    ...(owed.size ? [markManyOwedStatement(db, [...owed], now)] : []),
  ];
  const [first, ...rest] = writes;
  if (first) await db.batch([first, ...rest]);
  const last = read.length > rowLimit ? rows.at(-1)?.upstreamId : undefined;
  return {
    recorded: readings.length,
    marked: owed.size,
    rest: last ? { after: last, upTo: page.upTo, keys: page.keys.filter((k) => k[0] > last) } : null,
  };
}
