// The usage sweep's pages: the platform's readings of every key cut into ranges of consecutive ids that together
// cover every id, each carried in one queue message. Pure (bench:scale measures it in Node).
import type { KeyUsageReading } from '../pool/contract.ts';

/** One platform key as a page carries it: `[id, enabled (1/0), used MB]`. */
export type SweepEntry = [id: string, enabled: 0 | 1, usedMb: number];

/**
 * The D1 keys whose upstream id is in (`after`, `upTo`] (open-ended where null) and the platform's readings of the
 * same range. The pages of one sweep cover every id: the first starts at the beginning, the last runs to the end.
 */
export interface SweepPage {
  after: string | null;
  upTo: string | null;
  keys: SweepEntry[];
}

/** The platform's readings in id order, `perPage` to a page. */
export function sweepPages(readings: readonly KeyUsageReading[], perPage: number): SweepPage[] {
  const sorted = readings
    .map((k): SweepEntry => [k.id, k.enabled ? 1 : 0, k.trafficUsedMB])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const pages: SweepPage[] = [];
  for (let i = 0; i < sorted.length || pages.length === 0; i += perPage) {
    const keys = sorted.slice(i, i + perPage);
    const last = i + perPage >= sorted.length;
    pages.push({ after: pages.at(-1)?.upTo ?? null, upTo: last ? null : (keys.at(-1)?.[0] ?? null), keys });
  }
  return pages;
}
