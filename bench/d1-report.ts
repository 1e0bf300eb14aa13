// bench:d1's figures: what each measured request cost (the instrumented Worker's recordings), folded into one row
// per request, the markdown table, and the closing line.
import { markdownTable } from '../devkit/markdown.ts';
import type { RecordingSummary, Tally } from './instrumented/tally.ts';

/** The requests whose sequential D1 round trips have a ceiling, and the ceiling. */
export const GROUPS = {
  'customer reads': 1,
  // A signed-in page reads its visitor's data in the session check's one round trip; a public page reads nothing.
  pages: 1,
  checkout: 2,
  webhook: 2,
  'order poll': 1,
  'sign-in': null,
  // The console's list is one batch beside the platform call, after the admin router's own session check.
  console: 2,
  public: 0,
} as const satisfies Record<string, number | null>;
export type Group = keyof typeof GROUPS;

/** What every D1 call is delayed by in the second series of runs. */
export const ADDED_MS = 50;

export interface Row {
  request: string;
  group: Group;
  /** The most of each figure over every run (counts do not depend on the added latency). */
  worst: Tally;
  /** After the answer (waitUntil), the most over every run. */
  after: Tally;
  /**
   * Fastest handler time, ms, as is and with ADDED_MS on every D1 call: a busy machine only ever adds time, so the
   * fastest run of each series is the one least disturbed by anything but the D1 calls.
   */
  ms: number;
  msAdded: number;
}

const fastest = (values: number[]) => Math.min(...values);

function most(tallies: Tally[]): Tally {
  const [first, ...rest] = tallies;
  if (!first) throw new Error('no runs');
  return rest.reduce(
    (acc, t) =>
      Object.fromEntries(
        Object.entries(acc).map(([k, v]) => [k, Math.max(v, t[k as keyof Tally])]),
      ) as unknown as Tally,
    first,
  );
}

export function rowOf(request: string, group: Group, plain: RecordingSummary[], added: RecordingSummary[]): Row {
  // Sequential round trips are counted on the delayed runs: there, calls made side by side visibly overlap.
  const worst = {
    ...most([...plain, ...added].map((r) => r.answer)),
    d1Sequential: most(added.map((r) => r.answer)).d1Sequential,
  };
  return {
    request,
    group,
    worst,
    after: most([...plain, ...added].map((r) => r.after)),
    ms: fastest(plain.map((r) => r.ms)),
    msAdded: fastest(added.map((r) => r.ms)),
  };
}

/** Round trips the added latency implies: (delayed − plain) ÷ ADDED_MS. */
export const impliedTrips = (row: Row) => (row.msAdded - row.ms) / ADDED_MS;

/** The implied count agrees with the counted one when it is within half a round trip. */
export const agrees = (row: Row) => Math.abs(impliedTrips(row) - row.worst.d1Sequential) <= 0.5;

export function withinCeiling(row: Row): boolean {
  const ceiling = GROUPS[row.group];
  return ceiling === null || row.worst.d1Sequential <= ceiling;
}

/** The longest sequential chain in a group (0 when the group has no rows). */
export function maxSequential(rows: Row[], group: Group): number {
  return Math.max(0, ...rows.filter((r) => r.group === group).map((r) => r.worst.d1Sequential));
}

export function summaryLine(rows: Row[]): string {
  return (
    `max sequential D1 round trips — customer reads: ${maxSequential(rows, 'customer reads')}, ` +
    `checkout: ${maxSequential(rows, 'checkout')}, webhook: ${maxSequential(rows, 'webhook')}, ` +
    `order poll: ${maxSequential(rows, 'order poll')}`
  );
}

function afterText(t: Tally): string {
  if (t.d1RoundTrips === 0 && t.platform === 0 && t.queue === 0) return '—';
  return `${t.d1Sequential} seq / ${t.d1Statements} stmts${t.platform ? ` · ${t.platform} platform` : ''}${t.queue ? ` · ${t.queue} queue` : ''}`;
}

export function table(rows: Row[]): string {
  return markdownTable(
    [
      'request',
      'D1 statements · round trips',
      'sequential D1 round trips',
      'KV · rate limits · queue · cache',
      'platform · Stripe',
      `ms · with +${ADDED_MS} ms per D1 call`,
      `added ÷ ${ADDED_MS}`,
      'after the answer',
    ],
    rows.map((r) => {
      const w = r.worst;
      const ceiling = GROUPS[r.group];
      const flag = withinCeiling(r) && agrees(r) ? '' : ' ✗';
      return [
        r.request,
        `${w.d1Statements} · ${w.d1RoundTrips}`,
        `**${w.d1Sequential}**${ceiling === null ? '' : ` (≤ ${ceiling})`}${flag}`,
        `${w.kv} · ${w.limiter} · ${w.queue} · ${w.cache}`,
        `${w.platform} · ${w.stripe}`,
        `${r.ms.toFixed(0)} · ${r.msAdded.toFixed(0)}`,
        impliedTrips(r).toFixed(1),
        afterText(r.after),
      ];
    }),
  );
}

/** A page's own server time over many requests, one at a time: the handler's time until the answer. */
export interface PageTime {
  request: string;
  runs: number;
  p50: number;
  p99: number;
}

export function pageTimeTable(times: PageTime[]): string {
  return markdownTable(
    ['page', 'server time p50 · p99 (ms)', 'runs'],
    times.map((t) => [t.request, `${t.p50.toFixed(1)} · ${t.p99.toFixed(1)}`, String(t.runs)]),
  );
}
