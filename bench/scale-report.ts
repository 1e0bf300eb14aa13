// bench:scale's figures: the per-invocation maxima against the shop's per-message bounds (src/bounds.ts), the rows
// of a cron cycle, what a day of such cycles costs on Workers Paid, and the one closing line. Pure.

import { markdownTable } from '../devkit/markdown.ts';
import { MESSAGE_MAX_D1_QUERIES, MESSAGE_MAX_SUBREQUESTS } from '../src/bounds.ts';
import type { InvocationSummary } from './instrumented/tally.ts';

/** Cron ticks a day: wrangler.toml fires the cron every 5 minutes. */
export const TICKS_PER_DAY = 288;

/**
 * Workers Paid list prices and what the $5 a month includes (Cloudflare's pricing pages for Workers, D1 and Queues,
 * read 2026-12-07): requests $0.30 per million over 10 M, CPU $0.02 per million ms over 30 M, D1 rows read $0.001 per
 * million over 25 B and rows written $1.00 per million over 50 M, Queues $0.40 per million operations over 1 M (a
 * message's write, read and delete are one operation each per 64 KB).
 */
export const PRICES = {
  requestsPerMillion: 0.3,
  includedRequests: 10e6,
  rowsReadPerMillion: 0.001,
  includedRowsRead: 25e9,
  rowsWrittenPerMillion: 1,
  includedRowsWritten: 50e6,
  queueOpsPerMillion: 0.4,
  includedQueueOps: 1e6,
} as const;

export interface Cycle {
  customers: number;
  invocations: InvocationSummary[];
  /** Queue messages of the cycle and their bodies' 64 KB units (each written, read and deleted once). */
  queueMessages: number;
  queueUnits: number;
  wallMs: number;
}

export interface Figures {
  customers: number;
  invocations: number;
  maxD1Queries: number;
  maxSubrequests: number;
  rowsRead: number;
  rowsWritten: number;
  /** The heaviest invocation by D1 queries and by subrequests: which entry (and job) it was. */
  heaviest: { byQueries: string; bySubrequests: string };
  queueMessages: number;
  wallMs: number;
  perDay: { invocations: number; rowsRead: number; rowsWritten: number; queueOps: number; monthlyUsd: number };
}

const label = (i: InvocationSummary) => (i.job ? `${i.job} part ${i.part}` : i.entry);

export function figuresOf(cycle: Cycle): Figures {
  const { invocations } = cycle;
  const most = (pick: (i: InvocationSummary) => number) =>
    invocations.reduce((top, i) => (pick(i) > pick(top) ? i : top), invocations[0]!);
  const byQueries = most((i) => i.d1Queries);
  const bySubrequests = most((i) => i.subrequests);
  const rowsRead = invocations.reduce((n, i) => n + i.rowsRead, 0);
  const rowsWritten = invocations.reduce((n, i) => n + i.rowsWritten, 0);
  const perDay = {
    invocations: invocations.length * TICKS_PER_DAY,
    rowsRead: rowsRead * TICKS_PER_DAY,
    rowsWritten: rowsWritten * TICKS_PER_DAY,
    queueOps: cycle.queueUnits * 3 * TICKS_PER_DAY,
  };
  const month = (perDayValue: number) => perDayValue * 30;
  const over = (used: number, included: number, perMillion: number) =>
    (Math.max(0, used - included) / 1e6) * perMillion;
  const monthlyUsd =
    over(month(perDay.invocations), PRICES.includedRequests, PRICES.requestsPerMillion) +
    over(month(perDay.rowsRead), PRICES.includedRowsRead, PRICES.rowsReadPerMillion) +
    over(month(perDay.rowsWritten), PRICES.includedRowsWritten, PRICES.rowsWrittenPerMillion) +
    over(month(perDay.queueOps), PRICES.includedQueueOps, PRICES.queueOpsPerMillion);
  return {
    customers: cycle.customers,
    invocations: invocations.length,
    maxD1Queries: byQueries.d1Queries,
    maxSubrequests: bySubrequests.subrequests,
    rowsRead,
    rowsWritten,
    heaviest: { byQueries: label(byQueries), bySubrequests: label(bySubrequests) },
    queueMessages: cycle.queueMessages,
    wallMs: cycle.wallMs,
    perDay: { ...perDay, monthlyUsd: Math.round(monthlyUsd * 100) / 100 },
  };
}

export interface Counts {
  remindersDue: number;
  remindersSent: number;
  topUpsDue: number;
  topUpsCharged: number;
}

export const withinBounds = (f: Figures) =>
  f.maxD1Queries <= MESSAGE_MAX_D1_QUERIES && f.maxSubrequests <= MESSAGE_MAX_SUBREQUESTS;

export const countsRight = (c: Counts) => c.remindersSent === c.remindersDue && c.topUpsCharged === c.topUpsDue;

/** A run's two ticks: the first with every reminder and top-up due, then the next one (nothing due). */
export interface Ticks {
  due: Figures;
  quiet: Figures;
}

/** The line the issue names: `scale: N customers — max per invocation: …` (the most of both ticks). */
export function scaleLine({ due, quiet }: Ticks, c: Counts): string {
  return (
    `scale: ${due.customers} customers — max per invocation: ` +
    `D1 queries ${Math.max(due.maxD1Queries, quiet.maxD1Queries)}, ` +
    `subrequests ${Math.max(due.maxSubrequests, quiet.maxSubrequests)}; rows read per cycle ${due.rowsRead}; ` +
    `reminders ${c.remindersSent}/${c.remindersDue}, auto top-ups ${c.topUpsCharged}/${c.topUpsDue}`
  );
}

/** The usage sweep's parse of the platform's list (bench:scale measures it in Node, the same V8 as workerd). */
export interface SweepParse {
  cpuMs: number;
  keys: number;
  pages: number;
  bytes: number;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * The README's table of one bench:scale run: each tick's figures beside their bounds, and what a day costs: 288 ticks
 * like the quiet one (a reminder or a top-up is due once, not every tick).
 */
export function scaleTable({ due, quiet }: Ticks, c: Counts, sweep: SweepParse): string {
  const both = (pick: (f: Figures) => string) => [pick(due), pick(quiet)];
  return markdownTable(
    ['figure (one cron cycle)', 'tick with everything due', 'next tick (nothing due)', 'bound'],
    [
      [
        'D1 queries, most in one invocation',
        ...both((f) => `${f.maxD1Queries} (${f.heaviest.byQueries})`),
        MESSAGE_MAX_D1_QUERIES,
      ],
      [
        'subrequests, most in one invocation',
        ...both((f) => `${f.maxSubrequests} (${f.heaviest.bySubrequests})`),
        MESSAGE_MAX_SUBREQUESTS,
      ],
      ['invocations (cron, queue messages and batches)', ...both((f) => n(f.invocations)), '—'],
      ['queue messages (jobs and mail)', ...both((f) => n(f.queueMessages)), '—'],
      ['D1 rows read / written', ...both((f) => `${n(f.rowsRead)} / ${n(f.rowsWritten)}`), '—'],
      ['wall time, cron to idle queues', ...both((f) => `${(f.wallMs / 1000).toFixed(1)} s`), 'the 5-minute tick'],
      [
        `the sweep's parse of the platform's list (${n(sweep.keys)} keys, ` +
          `${(sweep.bytes / 1e6).toFixed(1)} MB, in Node)`,
        `${sweep.cpuMs} ms CPU into ${sweep.pages} page messages`,
        '',
        '30 s CPU per invocation',
      ],
      ['reminders sent / due (once each, none on the next tick)', `${c.remindersSent}/${c.remindersDue}`, '', ''],
      ['auto top-ups charged / due (once each)', `${c.topUpsCharged}/${c.topUpsDue}`, '', ''],
      [
        `a day: ${TICKS_PER_DAY} ticks like the next one`,
        '',
        `${n(quiet.perDay.invocations)} invocations, ${n(quiet.perDay.rowsRead)} rows read, ` +
          `${n(quiet.perDay.rowsWritten)} written, ${n(quiet.perDay.queueOps)} queue operations`,
        '',
      ],
      ['Workers Paid beyond its $5 a month', '', `$${quiet.perDay.monthlyUsd.toFixed(2)} a month`, ''],
    ],
  );
}
