// `npm run bench:healthz` (node bench/healthz.ts) against a running `npm run dev`: polls GET /api/healthz the way
// an uptime check does and fails unless
//   1. with the simulator healthy, every poll answers 200 at 10 s, 35 s, 65 s and 130 s intervals;
//   2. polled every 35 s, the first poll after the simulator starts failing answers 503 and the first poll after it
//      recovers answers 200;
//   3. polled every 10 s (faster than the check's 30 s probe interval), it notices either change within 30 s + one poll.
// It also counts the platform calls the simulator saw (at most one per 30 s, plus one retry of a failing call).
// About 7 minutes. Env: SHOP_URL / SIM_URL, or PORT / SIM_PORT (defaults 8787 / 8790).
import { targetFromEnv } from '../devkit/shop-client.ts';

const target = targetFromEnv();
const PROBE_INTERVAL_S = 30;
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
let failures = 0;

interface Poll {
  status: number;
  upstream: { ok: boolean; lastOkAt: string | null; lastError: { reason: string } | null };
}

async function poll(): Promise<Poll> {
  const res = await fetch(`${target.shop}/api/healthz`);
  const body = (await res.json()) as { checks: { upstream: Poll['upstream'] } };
  const line = `${clock()}  ${res.status}  upstream ${JSON.stringify(body.checks.upstream)}`;
  console.log(line);
  return { status: res.status, upstream: body.checks.upstream };
}

async function stockCalls(): Promise<number> {
  const calls = (await (await fetch(`${target.sim}/_sim/calls`)).json()) as { path: string }[];
  return calls.filter((c) => c.path.startsWith('/v1/gateway/pool/stock')).length;
}

function check(ok: boolean, what: string): void {
  console.log(`${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures++;
}

const failPlatform = () =>
  fetch(`${target.sim}/_sim/proxies/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'error', status: 503, count: 100_000, path: '/gateway/pool/stock' }),
  });
const recoverPlatform = () => fetch(`${target.sim}/_sim/proxies/faults`, { method: 'DELETE' });

/** Polls every `every` seconds until `wanted`; returns how many polls it took (at most `max`). */
async function pollsUntil(wanted: number, every: number, max: number): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await sleep(every);
    if ((await poll()).status === wanted) return n;
  }
  return Number.POSITIVE_INFINITY;
}

async function main(): Promise<void> {
  if (!(await fetch(`${target.shop}/api/healthz`).catch(() => undefined)))
    throw new Error(`no shop on ${target.shop}: start \`npm run dev\` first`);
  await recoverPlatform();

  console.log('▸ 1. healthy platform, polls 10 s, 35 s, 65 s and 130 s apart');
  const callsBefore = await stockCalls();
  const phaseStart = Date.now();
  const statuses = [(await poll()).status];
  for (const gap of [10, 35, 65, 130]) {
    await sleep(gap);
    statuses.push((await poll()).status);
  }
  const calls = (await stockCalls()) - callsBefore;
  const windows = Math.ceil((Date.now() - phaseStart) / 1000 / PROBE_INTERVAL_S);
  check(
    statuses.every((s) => s === 200),
    `every poll answered 200 (${statuses.join(', ')})`,
  );
  check(calls <= windows, `${calls} platform calls in ${windows} windows of ${PROBE_INTERVAL_S} s`);

  console.log('▸ 2. polled every 35 s: the platform fails, then recovers');
  await failPlatform();
  const down = await pollsUntil(503, 35, 1);
  check(down === 1, 'the first poll after the platform started failing answered 503');
  await recoverPlatform();
  const up = await pollsUntil(200, 35, 1);
  check(up === 1, 'the first poll after it recovered answered 200');

  console.log('▸ 3. polled every 10 s: the platform fails, then recovers');
  const limit = Math.ceil(PROBE_INTERVAL_S / 10) + 1;
  const failAt = Date.now();
  await failPlatform();
  const downPolls = await pollsUntil(503, 10, limit);
  check(
    downPolls <= limit,
    `503 after ${downPolls} polls (${((Date.now() - failAt) / 1000).toFixed(0)} s; limit ${limit} polls)`,
  );
  const recoverAt = Date.now();
  await recoverPlatform();
  const upPolls = await pollsUntil(200, 10, limit);
  check(
    upPolls <= limit,
    `200 again after ${upPolls} polls (${((Date.now() - recoverAt) / 1000).toFixed(0)} s; limit ${limit} polls)`,
  );

  console.log(failures ? `✗ ${failures} check(s) failed` : '✓ /api/healthz tells the truth');
  process.exit(failures ? 1 : 0);
}

main().catch(async (err: unknown) => {
  await recoverPlatform().catch(() => {});
  console.error(err);
  process.exit(1);
});
