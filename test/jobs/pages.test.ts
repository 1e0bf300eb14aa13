// The cron's jobs at more than a page of work, through the Worker's own scheduled and queue handlers: more than
// 100 reminders due at once (one statement could not name them all), a message delivered twice, a consumer that
// dies mid-page, and a tick that comes while the previous tick's messages are still queued. Each reminder is queued
// exactly once.
import { env } from 'cloudflare:test';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { REMINDERS_PER_MESSAGE } from '../../src/bounds.ts';
import { createLogger } from '../../src/log.ts';
import type { MailMessage } from '../../src/mail/index.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import {
  cronBindings,
  deliverJob,
  drainJobs,
  fireScheduled,
  type HeldMessage,
  HeldQueue,
  resetSimulators,
  sim,
} from '../support/index.ts';
import { type SeededCustomer, seedProCustomers } from './seed.ts';

/** The 80 % reminders among `mail`, by recipient. */
function eightyPercentTo(mail: MailMessage[], customers: SeededCustomer[]): Map<string, number> {
  const emails = new Set(customers.map((c) => c.email));
  const count = new Map<string, number>();
  for (const m of mail)
    if (m.kind === 'reminder' && m.threshold === 80 && emails.has(m.to)) count.set(m.to, (count.get(m.to) ?? 0) + 1);
  return count;
}

const exactlyOnceEach = (customers: SeededCustomer[]) => new Map(customers.map((c) => [c.email, 1]));

/**
 * A mail service that records what the cron queues, and sends nothing on: hundreds of mails delivered by the real
 * queue after this file's last test would outlive it.
 */
function recordingMail(queued: MailMessage[]): Services['mail'] {
  const mail = createServices(env, { log: createLogger(), waitUntil: () => {}, kind: 'background' }).mail;
  return {
    ...mail,
    enqueue: async (message) => {
      queued.push(message);
    },
  };
}

/** One cron cycle at `at` to the end of its jobs; the mail it queued. */
async function cronCycle(at = Date.now()): Promise<MailMessage[]> {
  const queued: MailMessage[] = [];
  const jobs = new HeldQueue();
  const bindings = cronBindings(jobs, { mail: recordingMail(queued) });
  await fireScheduled(bindings, at);
  await drainJobs(bindings, jobs);
  return queued;
}

/** Delivers held messages in order until the next one matches `head` (left in the queue); returns it. */
async function deliverUntil(bindings: Env, jobs: HeldQueue, head: (m: HeldMessage) => boolean): Promise<HeldMessage> {
  for (;;) {
    const next = jobs.held[0];
    if (!next) throw new Error('the queue ran dry first');
    if (head(next)) return next;
    const message = jobs.take()!;
    expect(await deliverJob(bindings, message)).toBe(true);
  }
}

const platformListCalls = async (since: string) =>
  (await sim<{ method: string; path: string; at: string }[]>('/_sim/calls')).filter(
    (c) => c.at >= since && c.method === 'GET' && c.path === '/v1/reseller/pool-keys',
  ).length;

/** Each test seeds its customers and runs whole cron cycles through the Worker: seconds on a loaded machine. */
const CYCLE_TIMEOUT_MS = 60_000;

const logs: string[] = [];
// Once for the file: a reset between tests would make the earlier tests' keys vanish upstream, and every cycle after
// would re-mint them.
beforeAll(resetSimulators);
beforeEach(() => {
  logs.length = 0;
  for (const level of ['log', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation((line: unknown) => void logs.push(String(line)));
});
afterEach(() => vi.restoreAllMocks());

const logged = (msg: string, fields: Record<string, unknown>) =>
  logs.filter((line) => {
    if (!line.startsWith('{')) return false;
    const entry = JSON.parse(line) as Record<string, unknown>;
    return entry.msg === msg && Object.entries(fields).every(([k, v]) => entry[k] === v);
  }).length;

describe('reminders at scale', () => {
  it(
    'sends 130 due reminders in one cron cycle, in pages, each once; the next cycle sends none',
    async () => {
      const customers = await seedProCustomers('many', 130, 85);
      const first = await cronCycle();
      expect(eightyPercentTo(first, customers)).toEqual(exactlyOnceEach(customers));
      const sent = await env.DB.prepare(
        "select count(*) as n from reminders where kind = 'usage:80' and sent_at is not null and customer_id like 'cus_many_%'",
      ).first<{ n: number }>();
      expect(sent?.n).toBe(130);
      expect(logged('cron job page done', { job: 'reminders' })).toBeGreaterThanOrEqual(
        Math.ceil(130 / REMINDERS_PER_MESSAGE),
      );
      expect(eightyPercentTo(await cronCycle(), customers).size).toBe(0);
    },
    CYCLE_TIMEOUT_MS,
  );
});

describe('the jobs queue', () => {
  it(
    'a message delivered again does nothing twice: its page is claimed, its next page is done once',
    async () => {
      const customers = await seedProCustomers('again', 60, 85);
      const queued: MailMessage[] = [];
      const jobs = new HeldQueue();
      const bindings = cronBindings(jobs, { mail: recordingMail(queued) });
      await fireScheduled(bindings, Date.now());
      const page = await deliverUntil(bindings, jobs, (m) => m.body.job === 'reminders' && m.body.part === 0);
      jobs.take();
      expect(await deliverJob(bindings, page)).toBe(true);
      expect(eightyPercentTo(queued, customers).size).toBe(REMINDERS_PER_MESSAGE);
      // Queues delivers it once more (at least once): its part is done, so it does nothing.
      expect(await deliverJob(bindings, { ...page, attempts: 2 })).toBe(true);
      expect(eightyPercentTo(queued, customers).size).toBe(REMINDERS_PER_MESSAGE);
      expect(logged('job message skipped: its part is done', { job: 'reminders', part: 0 })).toBe(1);
      await drainJobs(bindings, jobs);
      expect(eightyPercentTo(queued, customers)).toEqual(exactlyOnceEach(customers));
      const runs = await env.DB.prepare(
        'select job, outcome from job_runs where tick = ? and finished_at is not null order by job',
      )
        .bind(page.body.tick)
        .all<{ job: string; outcome: string }>();
      expect(runs.results).toHaveLength(7);
      expect(runs.results.every((r) => r.outcome === 'done')).toBe(true);
      expect(logged('cron job done', { job: 'reminders' })).toBe(1);
    },
    CYCLE_TIMEOUT_MS,
  );

  it(
    'a consumer that dies mid-page: the next delivery finishes the page, and no reminder is queued twice',
    async () => {
      const customers = await seedProCustomers('dies', 60, 85);
      const queued: MailMessage[] = [];
      const jobs = new HeldQueue();
      // The 21st reminder of the run is queued, then D1 fails as the page marks it sent: the invocation dies there.
      const dying = dyingD1(env.DB, (sql) => sql.startsWith('update "reminders" set "sent_at"'), 21);
      const bindings = cronBindings(jobs, { mail: recordingMail(queued) }, { ...env, DB: dying });
      await fireScheduled(bindings, Date.now());
      await drainJobs(bindings, jobs);
      expect(logged('job message failed; retrying', { job: 'reminders', part: 0, attempts: 1 })).toBe(1);
      expect(eightyPercentTo(queued, customers)).toEqual(exactlyOnceEach(customers));
      const unsent = await env.DB.prepare(
        "select count(*) as n from reminders where sent_at is null and customer_id like 'cus_dies_%'",
      ).first<{ n: number }>();
      // The one whose invocation died keeps its claim: taken again only after STALE_CLAIM_MS, and the mail's
      // idempotency key keeps that from arriving twice.
      expect(unsent?.n).toBe(1);
    },
    CYCLE_TIMEOUT_MS,
  );

  it(
    'a consumer that dies after sending its next page, before recording its own part: redone, nothing twice',
    async () => {
      const customers = await seedProCustomers('unrecorded', 60, 85);
      const queued: MailMessage[] = [];
      const jobs = new HeldQueue();
      // The reminders' first page is done and its next one sent; D1 fails as the part is recorded done.
      const records = (sql: string, values: unknown[]) =>
        sql.startsWith('insert into "job_parts"') && values[0] === 'reminders';
      const bindings = cronBindings(jobs, { mail: recordingMail(queued) }, { ...env, DB: dyingD1(env.DB, records, 1) });
      await fireScheduled(bindings, Date.now());
      await drainJobs(bindings, jobs);
      expect(logged('job message failed; retrying', { job: 'reminders', part: 0, attempts: 1 })).toBe(1);
      // Its page was read again: what it had reminded was no longer owed, so it went on to the rest. The run
      // finished once, and the next job started once.
      expect(eightyPercentTo(queued, customers)).toEqual(exactlyOnceEach(customers));
      expect(logged('cron job done', { job: 'reminders' })).toBe(1);
      expect(logged('cron job page done', { job: 'auto-top-up', part: 0 })).toBe(1);
    },
    CYCLE_TIMEOUT_MS,
  );

  it(
    'a tick while the previous tick’s messages are still queued leaves the work to that run',
    async () => {
      const customers = await seedProCustomers('ticks', 30, 85);
      const since = new Date().toISOString();
      const queued: MailMessage[] = [];
      const jobs = new HeldQueue();
      const bindings = cronBindings(jobs, { mail: recordingMail(queued) });
      const first = Date.now();
      await fireScheduled(bindings, first);
      await fireScheduled(bindings, first + 5 * 60_000);
      expect(jobs.held).toHaveLength(4);
      await drainJobs(bindings, jobs);
      expect(await platformListCalls(since)).toBe(1);
      expect(eightyPercentTo(queued, customers)).toEqual(exactlyOnceEach(customers));
      const second = await env.DB.prepare('select job from job_runs where tick = ?')
        .bind(first + 5 * 60_000)
        .all<{ job: string }>();
      // Its sweep found the first tick's still under way, so its chain stayed with it; retention had finished.
      expect(second.results.map((r) => r.job)).toEqual(['retention']);
      expect(logged('cron job skipped: its run of an earlier tick is still under way', { job: 'usage-sweep' })).toBe(1);
    },
    CYCLE_TIMEOUT_MS,
  );
});

/**
 * `db` whose `nth` statement that `dies` (by its SQL and bound values) fails, once, as D1 failing mid-invocation
 * would: alone, or the whole batch it is in.
 */
function dyingD1(db: D1Database, dies: (sql: string, values: unknown[]) => boolean, nth: number): D1Database {
  let seen = 0;
  const fails = (s: Statement) => dies(s.sql, s.values) && ++seen === nth;
  const deadly = () => new Error('D1_ERROR: the invocation died here');
  class Statement {
    readonly real: D1PreparedStatement;
    readonly sql: string;
    readonly values: unknown[];
    constructor(real: D1PreparedStatement, sql: string, values: unknown[] = []) {
      this.real = real;
      this.sql = sql;
      this.values = values;
    }
    bind(...values: unknown[]) {
      return new Statement(this.real.bind(...values), this.sql, values);
    }
    run() {
      return fails(this) ? Promise.reject(deadly()) : this.real.run();
    }
    all() {
      return fails(this) ? Promise.reject(deadly()) : this.real.all();
    }
    raw(options?: { columnNames?: boolean }) {
      return fails(this) ? Promise.reject(deadly()) : this.real.raw(options as { columnNames: true });
    }
    first(column?: string) {
      if (fails(this)) return Promise.reject(deadly());
      return column === undefined ? this.real.first() : this.real.first(column);
    }
  }
  const over = (real: Pick<D1Database, 'prepare' | 'batch'>) => ({
    prepare: (sql: string) => new Statement(real.prepare(sql), sql),
    batch: (statements: Statement[]) =>
      statements.some(fails) ? Promise.reject(deadly()) : real.batch(statements.map((s) => s.real)),
  });
  return {
    ...over(db),
    withSession: (constraint?: string) => {
      const session = db.withSession(constraint);
      return { ...over(session), getBookmark: () => session.getBookmark() };
    },
  } as unknown as D1Database;
}
