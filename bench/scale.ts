// `npm run bench:scale -- --customers N` (default 10,000): a shop of N customers, seeded as they stand after paid
// Pro purchases (customers, paid orders, keys in D1 and in the Proxies.sx simulator; 10 % over 80 % of their GB, 5 %
// expiring within the week, 12.5 % with auto top-up on, a fifth of them due), then one cron tick fired and every
// queue drained, then the next tick (nothing due). Reports per invocation (the cron and each queue message) the most
// D1 queries and subrequests against the per-message bounds of src/bounds.ts, the rows read and written in each
// cycle, its wall time, what a day of quiet ticks costs on Workers Paid, and the CPU of the usage sweep's parse;
// checks that every due reminder and every due auto top-up happened exactly once. Starts its own `npm run dev` with
// the dev-only instrumented entry (bench/instrumented/) on PORT / SIM_PORT (default 8887/8890: run it under the shop
// lock). Ends with one line: `scale: N customers — max per invocation: …`; exits 1 when a bound is passed or a count
// is off. Runs of 10,000 and 100,000 write their table into the README's `bench:scale:N` region (`--quick`: only
// prints).
import { mkdirSync, writeFileSync } from 'node:fs';
import { readDevVars } from '../devkit/dev-vars.ts';
import { startLocalShop } from '../devkit/local-shop.ts';
import { measuredOn } from '../devkit/machine.ts';
import { benchPorts } from '../devkit/ports.ts';
import { writeReadmeRegion } from '../devkit/readme.ts';
import { json, localTarget, simPost } from '../devkit/shop-client.ts';
import { until } from '../devkit/until.ts';
import { SWEEP_KEYS_PER_MESSAGE } from '../src/bounds.ts';
import { sweepPages } from '../src/keys/sweep-pages.ts';
import { KeyUsageReading } from '../src/pool/contract.ts';
import { readJsonArray } from '../src/pool/json-array-stream.ts';
import type { SeedCustomer } from './instrumented/seed-customer.ts';
import type { InvocationSummary } from './instrumented/tally.ts';
import { countsRight, figuresOf, type SweepParse, scaleLine, scaleTable, withinBounds } from './scale-report.ts';

const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const CUSTOMERS = process.argv.includes('--customers') ? Number(arg('--customers')) : 10_000;
if (!Number.isInteger(CUSTOMERS) || CUSTOMERS < 100) throw new Error('--customers takes a whole number ≥ 100');
/** The runs whose figures the README keeps (in its regions `bench:scale:10000` and `bench:scale:100000`). */
const README_SIZES = [10_000, 100_000];
/** `--quick` (CI): only prints, whatever the size. */
const QUICK = process.argv.includes('--quick');
const ports = benchPorts();
const ENTRY = 'bench/instrumented/index.ts';
const DAY = 86_400_000;
const PRO = { tierId: 'pro', tierName: 'Pro', gb: 10, price: 6900, currency: 'usd', validityDays: 30 };
/** Seeded per call: the simulators' bulk controls take up to 10,000, the seed route a thousand at a time. */
const SIM_BATCH = 10_000;
const D1_BATCH = 1_000;
/**
 * Each wait of a tick: `wrangler dev` works the queues one message at a time, so the tick with everything due of
 * 100,000 customers takes about half an hour on a shared 2-core machine.
 */
const DRAIN_TIMEOUT_MS = Math.max(120_000, CUSTOMERS * 30);

/** Who customer `i` is: usage, expiry and auto top-up, in the shares the header names. */
function profile(i: number) {
  if (i % 40 === 0) return { usedPercent: 85, daysLeft: 25, autoTopUp: true };
  if (i % 10 === 0) return { usedPercent: 85, daysLeft: 25, autoTopUp: false };
  if (i % 20 === 5) return { usedPercent: 10, daysLeft: 5, autoTopUp: false };
  if (i % 10 === 3) return { usedPercent: 30, daysLeft: 25, autoTopUp: true };
  return { usedPercent: 20 + ((i * 7) % 50), daysLeft: 25, autoTopUp: false };
}
/** Reminders due: the 80 % one of everyone past 80 %, the 7-day one of everyone expiring within the week. */
const reminderDue = (i: number) => i % 10 === 0 || i % 20 === 5;
/** Auto top-ups due: with it on (fewer than 3 GB left as the trigger) and 2 whole GB left (8.5 GB used). */
const topUpDue = (i: number) => i % 40 === 0;

const target = localTarget(ports);
const query = async <T>(sql: string, params: unknown[] = []) =>
  json<T[]>(
    await fetch(`${target.shop}/api/__bench/query`, { method: 'POST', body: JSON.stringify({ sql, params }) }),
    'query',
  );
const count = async (sql: string, params: unknown[] = []) => (await query<{ n: number }>(sql, params))[0]?.n ?? 0;
const tally = (subject: string) =>
  fetch(`${target.sim}/_sim/outbox/tally?subject=${encodeURIComponent(subject)}`).then((r) =>
    json<{ sends: number; delivered: number; recipients: number; mostToOneRecipient: number }>(r, 'outbox tally'),
  );
const invocationsFrom = async (from: number) =>
  json<{ total: number; invocations: InvocationSummary[] }>(
    await fetch(`${target.shop}/api/__bench/invocations?from=${from}`),
    'invocations',
  );

/** The last job of each of the cron's two chains (src/jobs/cron.ts, CRON_PLAN) finished: the tick's work is done. */
const LAST_JOBS_FINISHED =
  "select count(*) as n from job_runs where job in ('auto-top-up', 'retention') " +
  'and finished_at is not null and tick > ?';

/** Waits on `done` (asked every half second) for up to the drain timeout. */
const drained = (what: string, done: () => Promise<boolean>) =>
  until(done, Boolean, { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: 500, what });

async function seed(now: number): Promise<void> {
  const indexes = Array.from({ length: CUSTOMERS }, (_, i) => i);
  const emailOf = (i: number) => `scale-${i}@example.com`;
  const upstream: string[] = [];
  for (let from = 0; from < CUSTOMERS; from += SIM_BATCH) {
    const keys = indexes.slice(from, from + SIM_BATCH).map((i) => {
      const { usedPercent, daysLeft } = profile(i);
      return {
        label: `${emailOf(i)} (1)`,
        trafficCapGB: PRO.gb,
        expiresAt: new Date(now + daysLeft * DAY).toISOString(),
        trafficUsedMB: (PRO.gb * 1024 * usedPercent) / 100,
      };
    });
    const made = await json<{ id: string }[]>(await simPost(target, '/_sim/proxies/keys/bulk', { keys }), 'sim keys');
    upstream.push(...made.map((k) => k.id));
  }
  const withTopUp = indexes.filter((i) => profile(i).autoTopUp);
  const cards = new Map<number, { customer: string; paymentMethod: string }>();
  for (let from = 0; from < withTopUp.length; from += SIM_BATCH) {
    const slice = withTopUp.slice(from, from + SIM_BATCH);
    const made = await json<{ customer: string; paymentMethod: string }[]>(
      await simPost(target, '/_sim/stripe/customers/bulk', { emails: slice.map(emailOf) }),
      'stripe customers',
    );
    for (const [n, i] of slice.entries()) cards.set(i, made[n]!);
  }
  for (let from = 0; from < CUSTOMERS; from += D1_BATCH) {
    const rows = indexes.slice(from, from + D1_BATCH).map((i): SeedCustomer => {
      const { daysLeft } = profile(i);
      const card = cards.get(i);
      return {
        id: `cus_scale_${i}`,
        email: emailOf(i),
        createdAt: now - 40 * DAY + i,
        orderId: `ord_scale_${i}`,
        ...PRO,
        paidAt: now - (PRO.validityDays - daysLeft) * DAY,
        keyId: `key_scale_${i}`,
        upstreamId: upstream[i]!,
        expiresAt: now + daysLeft * DAY,
        autoTopUp: card
          ? { stripeCustomer: card.customer, paymentMethod: card.paymentMethod, threshold: 3, monthlyLimit: 50_000 }
          : null,
      };
    });
    await json(await fetch(`${target.shop}/api/__bench/seed`, { method: 'POST', body: JSON.stringify(rows) }), 'seed');
  }
}

/** The CPU (ms, this Node process: the same V8 as workerd) of reading the platform's whole list as the sweep does. */
async function sweepParseCpu(): Promise<SweepParse> {
  const apiKey = readDevVars('.dev.vars').PROXIES_SX_API_KEY ?? '';
  const res = await fetch(`${target.sim}/v1/reseller/pool-keys`, { headers: { 'X-API-Key': apiKey } });
  const body = new Uint8Array(await res.arrayBuffer());
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < body.length; at += 65_536) controller.enqueue(body.slice(at, at + 65_536));
      controller.close();
    },
  });
  const started = process.cpuUsage();
  const readings: KeyUsageReading[] = [];
  const read = await readJsonArray(stream, (element) => {
    const parsed = KeyUsageReading.safeParse(element);
    if (!parsed.success) return 'not a key';
    readings.push(parsed.data);
    return null;
  });
  const pages = sweepPages(readings, SWEEP_KEYS_PER_MESSAGE);
  const used = process.cpuUsage(started);
  if (!read.ok) throw new Error(`the simulator's list did not read: ${read.problem}`);
  return {
    cpuMs: Math.round((used.user + used.system) / 1000),
    keys: readings.length,
    pages: pages.length,
    bytes: body.length,
  };
}

/** One cron tick's invocations, the mail it sent, and its time from the cron to idle queues. */
interface Tick {
  invocations: InvocationSummary[];
  queueMessages: number;
  queueUnits: number;
  mails: number;
  wallMs: number;
}

/** Fires one cron tick, waits until both chains finished, `mails` mails were sent and every queue is idle. */
async function tick(mails: number): Promise<Tick> {
  const before = (await invocationsFrom(0)).total;
  const mailBefore = (await tally('')).sends;
  const [last] = await query<{ tick: number | null }>('select max(tick) as tick from job_runs');
  const fired = Date.now();
  const cron = await fetch(`${target.shop}/__scheduled?cron=*/5+*+*+*+*`);
  if (!cron.ok) throw new Error(`/__scheduled answered ${cron.status}`);
  await drained(
    'every job of the tick finished',
    async () => (await count(LAST_JOBS_FINISHED, [last?.tick ?? 0])) === 2,
  );
  await drained('every reminder mailed', async () => (await tally('')).sends - mailBefore >= mails);
  // Queues idle: no invocation for five seconds (the receipts of the top-ups, their reconciles' mail).
  let seen = -1;
  await drained('the queues idle', async () => {
    const now = (await invocationsFrom(0)).total;
    const idle = now === seen;
    seen = now;
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    return idle;
  });
  const wallMs = Date.now() - fired;
  const { invocations } = await invocationsFrom(before);
  const sent = (await tally('')).sends - mailBefore;
  const jobMessages = invocations.filter((i) => i.job).length;
  // Every body is under 64 KB (a sweep page carries ≤ 45 KB): one unit each, written, read and deleted once.
  return { invocations, queueMessages: jobMessages + sent, queueUnits: jobMessages + sent, mails: sent, wallMs };
}

console.log(`▸ starting npm run dev with ${ENTRY} on ${ports.shop}/${ports.sim}`);
const local = await startLocalShop(ports, { DEV_ENTRY: ENTRY });
let exit = 1;
try {
  const seededAt = Date.now();
  console.log(`▸ seeding ${CUSTOMERS} customers (D1 and the simulators)`);
  await seed(seededAt);
  console.log(`  seeded in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);
  const remindersDue = Array.from({ length: CUSTOMERS }, (_, i) => i).filter(reminderDue).length;
  const topUpsDue = Array.from({ length: CUSTOMERS }, (_, i) => i).filter(topUpDue).length;
  console.log('▸ firing the cron (every reminder and top-up due) and waiting for every queue to drain');
  const due = await tick(remindersDue);
  const usage = await tally('% of your');
  const expiry = await tally('expires in');
  const [charges] = await query<{ n: number; customers: number }>(
    "select count(*) as n, count(distinct customer_id) as customers from auto_top_up_charges where state = 'succeeded'",
  );
  const intents = await json<unknown[]>(await fetch(`${target.sim}/_sim/stripe/payment_intents`), 'intents');
  const remindersRows = await count('select count(*) as n from reminders where sent_at is not null');
  console.log('▸ firing the cron again (nothing due: a usual tick of the day)');
  const quiet = await tick(0);
  // Nothing more after the quiet tick: each due reminder and top-up happened once, not once a tick.
  const [chargesAfter] = await query<{ n: number }>('select count(*) as n from auto_top_up_charges');
  const remindersAfter = await count('select count(*) as n from reminders');
  const once = chargesAfter?.n === charges?.n && remindersAfter === remindersRows && quiet.mails === 0;
  const counts = {
    remindersDue,
    // Each due reminder claimed and marked sent once, and handed to the mail provider once.
    remindersSent:
      once &&
      remindersRows === usage.sends + expiry.sends &&
      Math.max(usage.mostToOneRecipient, expiry.mostToOneRecipient) <= 1
        ? remindersRows
        : -remindersRows,
    topUpsDue,
    topUpsCharged:
      once && charges?.n === charges?.customers && charges?.n === intents.length
        ? (charges?.n ?? 0)
        : -(charges?.n ?? 0),
  };
  const figures = {
    due: figuresOf({ customers: CUSTOMERS, ...due }),
    quiet: figuresOf({ customers: CUSTOMERS, ...quiet }),
  };
  console.log('▸ the usage sweep’s parse of the platform’s list, measured in Node');
  const sweep = await sweepParseCpu();
  const sweepFetch = due.invocations.find((i) => i.job === 'usage-sweep' && i.part === 0);
  const line = scaleLine(figures, counts);
  const report = {
    at: new Date().toISOString(),
    figures,
    counts,
    sweep: { ...sweep, fetchMessageMs: sweepFetch?.ms ?? null },
    invocationsByEntry: Object.fromEntries(
      [...new Set(due.invocations.map((i) => i.entry))].map((e) => [
        e,
        due.invocations.filter((i) => i.entry === e).length,
      ]),
    ),
    line,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/scale-${CUSTOMERS}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = [
    `**\`npm run bench:scale -- --customers ${CUSTOMERS}\`** on ${measuredOn()}, \`wrangler dev\` with local D1 and ` +
      'Queues: a cron tick with every reminder and top-up due, then the next tick, each to idle queues, every ' +
      'invocation counted.',
    '',
    scaleTable(figures, counts, sweep),
    '',
    `\`${line}\``,
  ].join('\n');
  writeFileSync(`bench/results/scale-${CUSTOMERS}.md`, `${markdown}\n`);
  console.log(`\n${markdown}\n`);
  console.log(line);
  if (!QUICK && README_SIZES.includes(CUSTOMERS)) writeReadmeRegion(`bench:scale:${CUSTOMERS}`, markdown);
  exit = withinBounds(figures.due) && withinBounds(figures.quiet) && countsRight(counts) ? 0 : 1;
} finally {
  await local.stop();
}
process.exitCode = exit;
