// `npm run bench`: one report of the shop's figures beside their budgets, on this machine, loopback only.
// Starts its own `npm run dev` (fresh state, ports 8887/8890), so nothing else needs to run.
// `npm run bench -- --quick` (CI) uses fewer requests. Exits 1 when a figure is over its budget.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { startLocalShop } from '../scripts/local-shop.ts';
import { type LoadResult, load } from './load.ts';
import { type ShopTarget, shopFetch, signIn, upstreamCalls } from './shop-client.ts';
import { kib, measureRoutes } from './spa-size.ts';

const QUICK = process.argv.includes('--quick');
const REQUESTS = QUICK ? 300 : 2000;
const CONCURRENCY = 32;
const STOCK_REQUESTS = 1000;
const WORKER_BUDGET_BYTES = 150 * 1024;
const STOCK_FRESH_MS = 30_000;
const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };

interface Row {
  figure: string;
  value: string;
  budget: string;
  ok: boolean;
}
const rows: Row[] = [];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

console.log('▸ building the SPA and measuring its JavaScript per route');
run('npx', ['vite', 'build', '--logLevel', 'warn']);
for (const route of measureRoutes('dist/web'))
  rows.push({
    figure: `SPA JS, ${route.route} (gzip)`,
    value: kib(route.gzipBytes),
    budget: `≤ ${kib(route.budgetBytes)}`,
    ok: route.gzipBytes <= route.budgetBytes,
  });

console.log('▸ building the Worker (wrangler deploy --dry-run, minified)');
run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', 'dist/worker']);
const workerGzip = gzipSync(readFileSync('dist/worker/index.js')).length;
rows.push({
  figure: 'Worker bundle (gzip, minified)',
  value: kib(workerGzip),
  budget: `≤ ${kib(WORKER_BUDGET_BYTES)}`,
  ok: workerGzip <= WORKER_BUDGET_BYTES,
});
// stripe is a devDependency for its TypeScript types only (src/stripe/ is the client): none of its code may ship.
const bundled = (JSON.parse(readFileSync('dist/worker/index.js.map', 'utf8')) as { sources: string[] }).sources;
const stripeSdkFiles = bundled.filter((source) => source.includes('node_modules/stripe/')).length;
rows.push({
  figure: 'Stripe SDK files in the Worker bundle',
  value: String(stripeSdkFiles),
  budget: '0 (types only)',
  ok: stripeSdkFiles === 0,
});

console.log('▸ starting the local shop and simulators');
const local = await startLocalShop(8887, 8890);
const target: ShopTarget = { shop: 'http://127.0.0.1:8887', sim: 'http://127.0.0.1:8890' };
try {
  // The stock cache starts cold (fresh state): every request below is a customer's, the upstream sees refreshes only.
  const stockStarted = Date.now();
  const stock = await load(() => shopFetch(target, '/api/stock'), {
    requests: STOCK_REQUESTS,
    concurrency: CONCURRENCY,
  });
  const windows = Math.ceil((Date.now() - stockStarted) / STOCK_FRESH_MS);
  const stockCalls = (await upstreamCalls(target, '/v1/gateway/pool/stock')).length;
  rows.push({
    figure: `upstream calls per ${STOCK_REQUESTS} /api/stock (cold cache)`,
    value: `${stockCalls} (${stock.errors} errors)`,
    budget: `≤ 1 per 30 s window (${windows})`,
    ok: stockCalls <= windows && stock.errors === 0,
  });

  const cookie = await signIn(target, 'bench-reader@example.com', '203.0.113.7');
  const routes: [string, () => Promise<Response>][] = [
    ['GET /api/config', () => shopFetch(target, '/api/config')],
    ['GET /api/stock', () => shopFetch(target, '/api/stock')],
    ['GET /api/healthz', () => shopFetch(target, '/api/healthz')],
    ['GET /api/auth/me (signed in)', () => shopFetch(target, '/api/auth/me', { cookie })],
    ['GET /api/account (signed in, dashboard)', () => shopFetch(target, '/api/account', { cookie })],
    ['GET /api/purchases (signed in)', () => shopFetch(target, '/api/purchases', { cookie })],
  ];
  for (const [name, request] of routes) {
    console.log(`▸ ${name}: ${REQUESTS} requests, ${CONCURRENCY} at a time`);
    const result: LoadResult = await load(request, { requests: REQUESTS, concurrency: CONCURRENCY });
    rows.push({
      figure: `${name}: p50 / p99 · req/s`,
      value: `${result.p50.toFixed(1)} / ${result.p99.toFixed(1)} ms · ${Math.round(result.rps)}/s (${result.errors} errors)`,
      budget: '0 errors',
      ok: result.errors === 0,
    });
  }

  console.log('▸ webhook deliveries with duplicates (bench/webhooks.ts)');
  const webhooks = spawnSync(process.execPath, ['bench/webhooks.ts'], {
    encoding: 'utf8',
    env: { ...env, SHOP_URL: target.shop, SIM_URL: target.sim },
  });
  const hook = JSON.parse(readFileSync('bench/results/webhooks.json', 'utf8')) as {
    deliveries: number;
    deliveriesPerSecond: number;
    purchasesRecorded: number;
    purchasesGoal: number;
    upstreamMints: number;
    mintsGoal: number;
    statuses: Record<string, number>;
  };
  rows.push({
    figure: `webhook deliveries/s (${hook.deliveries} = ${hook.purchasesGoal} events × duplicates)`,
    value: `${hook.deliveriesPerSecond}/s · ${hook.purchasesRecorded} purchases · ${hook.upstreamMints} mints`,
    budget: `exactly ${hook.purchasesGoal} purchases, ${hook.mintsGoal} mints, all 200`,
    ok:
      webhooks.status === 0 &&
      hook.purchasesRecorded === hook.purchasesGoal &&
      hook.upstreamMints === hook.mintsGoal &&
      hook.statuses['200'] === hook.deliveries,
  });
} finally {
  await local.stop();
}

/** Waits until nothing answers on `port` any more (the stopped shop's workerd and simulators can outlive npm). */
async function released(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`port ${port} is still taken`);
}

// Its own shop with the dev-only instrumented entry, on the same ports once the one above has let them go.
console.log('▸ sequential D1 round trips per request (bench/d1.ts)');
await released(8887);
await released(8890);
rmSync('bench/results/d1.md', { force: true });
const d1 = spawnSync(process.execPath, ['bench/d1.ts', ...(QUICK ? ['--quick'] : [])], {
  encoding: 'utf8',
  env: { ...env, PORT: '8887', SIM_PORT: '8890' },
});
const d1Report = existsSync('bench/results/d1.md') ? readFileSync('bench/results/d1.md', 'utf8') : '';
const d1Summary = d1Report.match(/^max sequential D1 round trips.*$/m)?.[0] ?? `no report: ${d1.stderr.slice(-300)}`;
rows.push({
  figure: 'sequential D1 round trips (bench:d1; the deployed bundle holds no instrumentation)',
  value: d1Summary.replace('max sequential D1 round trips — ', ''),
  budget: 'customer reads ≤ 1, checkout ≤ 2, webhook ≤ 2, order poll ≤ 1',
  ok: d1.status === 0,
});

const table = [
  `Benchmarks${QUICK ? ' (quick)' : ''} — ${new Date().toISOString()} — node ${process.version}, loopback, \`wrangler dev\``,
  '',
  '| figure | measured | budget | |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.budget} | ${r.ok ? '✓' : '✗'} |`),
].join('\n');
console.log(`\n${table}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/report.md', `${table}\n`);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
