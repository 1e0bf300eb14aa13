// Every lookup on a hot path or in a cron sweep is answered from an index: the statements the shop's own code runs
// are recorded and SQLite's plan for each must search an index, never scan a table.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { listCustomers } from '../../src/admin/index.ts';
import { loginMailsSince, tokensIssuedToday } from '../../src/auth/tokens.ts';
import { activeCustomerSql } from '../../src/customers/index.ts';
import { openDb } from '../../src/db/index.ts';
import { openRun } from '../../src/jobs/runs.ts';
import {
  currentKey,
  currentKeysOf,
  currentKeysOwing,
  customersWithRetirementDue,
  dueCustomers,
  keysNeedingAttention,
  keysOf,
  usedMbOfWorkingKeys,
} from '../../src/keys/index.ts';
import { workingKeysInRange } from '../../src/keys/store.ts';
import { createLogger } from '../../src/log.ts';
import { runRetention } from '../../src/ops/retention.ts';
import { findOrder, ordersPage, sendMissingReceipts, stillHasGb } from '../../src/orders/index.ts';
import { activeAutoTopUps } from '../../src/refill/store.ts';
import { owesReminderSql } from '../../src/reminders/owed.ts';
import { createServices } from '../../src/services/index.ts';

/** D1 that remembers every statement it prepares. */
function recordingD1(seen: string[]): D1Database {
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare')
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function plan(sql: string): Promise<string[]> {
  const params = sql.match(/\?/g)?.length ?? 0;
  const { results } = await env.DB.prepare(`explain query plan ${sql}`)
    .bind(...Array<null>(params).fill(null))
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}

/** The statements `run` makes, each with its plan. */
async function statementsOf(run: (db: ReturnType<typeof openDb>) => Promise<unknown>) {
  const seen: string[] = [];
  await run(openDb(recordingD1(seen)));
  expect(seen.length).toBeGreaterThan(0);
  return Promise.all(seen.map(async (sql) => ({ sql, plan: await plan(sql) })));
}

const TABLE_SCAN =
  /^SCAN (customers|login_tokens|sessions|orders|pool_keys|key_syncs|disputes|stripe_events|audit_log|mail_failures)\b/;

type Run = (db: ReturnType<typeof openDb>) => Promise<unknown>;

const servicesOver = (db: ReturnType<typeof openDb>) =>
  createServices(env, { log: createLogger(), waitUntil: () => {}, kind: 'background' }, { db });

function receiptsSweep(db: ReturnType<typeof openDb>) {
  return sendMissingReceipts(servicesOver(db), Date.now(), { after: 'ord_1', limit: 50 });
}

const reminderThresholds = { usagePercents: [95, 80], expiryDays: [7, 1] };
const attention = { nearCapRatio: 0.8, expiringWithinMs: 3 * 86_400_000, expiredShownMs: 7 * 86_400_000 };

describe('hot lookups and cron sweeps', () => {
  // Each with the index searches its plan must show (the index and the columns it narrows on).
  it.each<[string, Run, string[]]>([
    [
      'a refund finds its order by PaymentIntent',
      (db) => findOrder(db, { paymentIntentId: 'pi_123' }),
      ['orders_payment_intent (stripe_payment_intent_id=?)'],
    ],
    [
      'the success page finds its order by Checkout Session',
      (db) => findOrder(db, { sessionId: 'cs_123' }),
      ['orders_stripe_session_id_unique (stripe_session_id=?)'],
    ],
    [
      'the daily sign-in links of one address and requester',
      (db) => tokensIssuedToday(db, { email: 'a@b.c', requester: 'r' }, Date.now()),
      ['login_tokens_email_requester (email=? AND requester=? AND created_at>?)'],
    ],
    [
      'the shop-wide hourly count of sign-in mail',
      (db) => loginMailsSince(db, 3_600_000, Date.now()),
      ['login_tokens_created (created_at>?)'],
    ],
    [
      'the cron: keys owed a reconcile',
      (db) => dueCustomers(db, Date.now(), { after: 'cus_1', limit: 10 }),
      ['key_syncs_due (state=?'],
    ],
    [
      'the cron: keys whose grace ended or that wait to be deleted',
      (db) => customersWithRetirementDue(db, Date.now(), 60_000, { after: 'cus_1', limit: 100 }),
      ['pool_keys_state (state=? AND grace_until<?)', 'pool_keys_state (state=?)'],
    ],
    [
      'the dashboard: the customer’s current key',
      (db) => currentKey(db, 'cus_1'),
      ['pool_keys_customer_state (customer_id=? AND state=?)'],
    ],
    [
      'the console: the current keys of a page of customers',
      (db) => currentKeysOf(db, ['cus_1', 'cus_2']),
      ['pool_keys_customer_state (customer_id=? AND state=?)'],
    ],
    [
      'the checkout: what the customer still has, on keys and reserved',
      (db) => stillHasGb(db, 'cus_1', Date.now()),
      ['orders_customer (customer_id=?)', 'pool_keys_customer_state (customer_id=? AND state=?)'],
    ],
    [
      'the usage sweep: the working keys of one range of upstream ids',
      (db) => workingKeysInRange(db, { after: 'a', upTo: 'b' }, 2000),
      ['pool_keys_upstream (upstream_id>? AND upstream_id<?)'],
    ],
    [
      'the reminders: a page of the current keys that owe one',
      (db) =>
        currentKeysOwing(db, (key) => owesReminderSql(key, reminderThresholds, Date.now()), {
          after: 'key_1',
          limit: 50,
        }),
      ['pool_keys_state_id (state=? AND id>?)', 'reminders_once (key_id=? AND kind=? AND basis=?)'],
    ],
    [
      'auto top-up: a page of the customers with it on',
      (db) => activeAutoTopUps(db, { after: 'cus_1', limit: 25 }),
      ['auto_top_ups_active (enabled=? AND paused_at=? AND customer_id>?)'],
    ],
    [
      'the console: a page of customers, newest first',
      (db) => listCustomers({ db, clock: { now: Date.now } }, { before: '1_cus_1', pageSize: 25 }),
      ['customers_created (', 'pool_keys_customer_state (customer_id=? AND state=?)'],
    ],
    [
      'the console: customers whose email starts with what was typed',
      (db) => listCustomers({ db, clock: { now: Date.now } }, { q: 'ann', pageSize: 25 }),
      ['customers_email_unique (email>? AND email<?)'],
    ],
    [
      'the console: a page of a customer’s orders',
      (db) => ordersPage(db, 'cus_1', { before: { at: 1, id: 'ord_1' }, limit: 50 }),
      ['orders_customer (customer_id=? AND created_at<?)'],
    ],
    [
      'the console’s front page: GB used and the keys that need a look',
      (db) =>
        Promise.all([usedMbOfWorkingKeys(db), keysNeedingAttention(db, attention, Date.now(), activeCustomerSql, 50)]),
      ['pool_keys_state (state=?)'],
    ],
    [
      'the jobs: a run opened once per job and tick',
      (db) => openRun(db, { job: 'reminders', tick: 1 }, Date.now()),
      ['job_runs_open (job=? AND finished_at=? AND touched_at>?)'],
    ],
    [
      'the reconcile: every generation of a customer',
      (db) => keysOf(db, 'cus_1'),
      ['pool_keys_generation (customer_id=?)'],
    ],
    [
      'the cron: receipts never queued',
      receiptsSweep,
      ['orders_status_receipt (status=? AND receipt_sent_at=? AND paid_at<?)'],
    ],
    [
      'the cron: retention',
      (db) => runRetention(db, Date.now(), 1000),
      [
        'login_tokens_expires (expires_at<?)',
        'sessions_expires (expires_at<?)',
        'sessions_revoked (revoked_at>? AND revoked_at<?)',
        'stripe_events_processed (processed_at>? AND processed_at<?)',
        'mail_failures_at (at<?)',
      ],
    ],
  ])('%s searches an index', async (_, run, searches) => {
    const statements = await statementsOf(run);
    for (const { sql, plan: steps } of statements)
      expect(
        steps.filter((step) => TABLE_SCAN.test(step)),
        sql,
      ).toEqual([]);
    const steps = statements.flatMap((statement) => statement.plan).join('\n');
    for (const search of searches)
      expect(steps).toMatch(new RegExp(`^SEARCH \\w+ USING (COVERING )?INDEX ${escapeRegExp(search)}`, 'm'));
  });

  it('the check itself catches a table scan', async () => {
    expect((await plan('select * from orders where tier_name = ?')).some((step) => TABLE_SCAN.test(step))).toBe(true);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
