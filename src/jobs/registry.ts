// Every job the cron runs, each a named unit that works a page per queue message: `JOBS[name](services, at,
// message)` does the page `message` names as of `at` and says what follows (its next page, or nothing). A page is
// bounded (src/bounds.ts) and safe to run twice or concurrently: its rows are claimed, leased or written idempotently.
import {
  AUTO_TOP_UPS_PER_MESSAGE,
  RECEIPTS_PER_MESSAGE,
  RECONCILES_PER_MESSAGE,
  REMINDERS_PER_MESSAGE,
  RETENTION_ROWS_PER_MESSAGE,
  RETIREMENTS_PER_MESSAGE,
  SWEEP_KEYS_PER_MESSAGE,
  SWEEP_ROWS_PER_MESSAGE,
} from '../bounds.ts';
import { ConfigError } from '../config/index.ts';
import { markRetirementsOwed, reconcileDueCustomers } from '../fulfilment/index.ts';
import { readPlatformUsage, sweepPage, sweepPages } from '../keys/index.ts';
import { runRetention } from '../ops/retention.ts';
import { sendMissingReceipts } from '../orders/index.ts';
import { runAutoTopUps } from '../refill/index.ts';
import { sendDueReminders } from '../reminders/index.ts';
import type { Services } from '../services/index.ts';
import { DAY_MS } from '../time.ts';
import type { JobMessage, JobName } from './messages.ts';
import { forgetRuns } from './runs.ts';

/** What a message's page did and what follows it. */
export interface Step {
  /** Messages that carry the run on: its next page, or the sweep's pages. */
  sends: JobMessage[];
  /** Whether this message completes its part (a sweep page whose range goes on in `sends` does not). */
  completes: boolean;
  /** How many parts the run has, when this message is the one that knows. */
  parts?: number;
  /** What the page did, for the log. */
  result: unknown;
}

type Run = (services: Services, at: number, message: JobMessage) => Promise<Step>;

/** A broken config fails the job outright, rather than being recorded as every due key's upstream failure. */
const withValidConfig =
  (run: Run): Run =>
  async (services, at, message) => {
    if (services.configProblems.length) throw new ConfigError(services.configProblems);
    return run(services, at, message);
  };

interface Page {
  after: string | null;
  limit: number;
}

/** A job that walks its rows `limit` at a time: part k is page k, its cursor the id the page starts after. */
const paged =
  (limit: number, page: (services: Services, at: number, page: Page) => Promise<{ next: string | null }>): Run =>
  async (services, at, message) => {
    const { next, ...result } = await page(services, at, { after: message.cursor, limit });
    if (next === null) return { sends: [], completes: true, parts: message.part + 1, result };
    return { sends: [{ ...message, part: message.part + 1, cursor: next }], completes: true, result };
  };

/** Job runs are kept this long (for the console's and the operator's eyes), then forgotten by retention. */
const JOB_RUNS_KEPT_MS = 7 * DAY_MS;

export const JOBS: Record<JobName, Run> = {
  /**
   * Every working key's usage: its first message reads the platform's list (one call) and sends it on in pages of
   * consecutive ids; each page records usage that moved and marks owed the keys that vanished or were switched on or
   * off.
   */
  'usage-sweep': withValidConfig(async (services, _at, message) => {
    if (!message.sweep) {
      const readings = await readPlatformUsage(services);
      const pages = sweepPages(readings, SWEEP_KEYS_PER_MESSAGE);
      return {
        sends: pages.map((sweep, i) => ({ ...message, part: i + 1, sweep })),
        completes: true,
        parts: pages.length + 1,
        result: { keys: readings.length, pages: pages.length },
      };
    }
    const { rest, ...result } = await sweepPage(services, message.sweep, SWEEP_ROWS_PER_MESSAGE);
    if (rest) return { sends: [{ ...message, sweep: rest }], completes: false, result };
    return { sends: [], completes: true, result };
  }),
  /** Marks owed the customers with a rollover retirement step due (a grace ended, usage settled, a key to delete). */
  retirements: withValidConfig(paged(RETIREMENTS_PER_MESSAGE, markRetirementsOwed)),
  /** Reconciles the customers owed a reconcile and due (a purchase made while the platform was down, a retirement). */
  reconcile: withValidConfig(paged(RECONCILES_PER_MESSAGE, reconcileDueCustomers)),
  /** Queues the receipts a crash kept from being queued. */
  receipts: withValidConfig(paged(RECEIPTS_PER_MESSAGE, sendMissingReceipts)),
  /** Usage and expiry reminders of the keys that still owe one, from D1 alone (the usage sweep read the platform). */
  reminders: paged(REMINDERS_PER_MESSAGE, sendDueReminders),
  /** Off-session charges of the customers whose auto top-up is due, from D1 alone. */
  'auto-top-up': paged(AUTO_TOP_UPS_PER_MESSAGE, runAutoTopUps),
  /** Forgets rows that no longer serve anyone (needs D1 alone, so it runs with a broken config too). */
  retention: paged(RETENTION_ROWS_PER_MESSAGE, async ({ db }, at, { limit }) => {
    const forgotten = await runRetention(db, at, limit);
    const jobRuns = await forgetRuns(db, at - JOB_RUNS_KEPT_MS, limit);
    const more = [...Object.values(forgotten), jobRuns].some((n) => n === limit);
    return { ...forgotten, jobRuns, next: more ? 'more' : null };
  }),
};
