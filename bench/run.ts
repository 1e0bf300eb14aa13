// `npm run bench`: one report of the shop's figures beside their budgets, on this machine, loopback only.
// Starts its own `npm run dev` (fresh state, PORT / SIM_PORT, default 8887/8890), so nothing else needs to run.
// Writes the table into the README's `bench` and `bench:spa` regions (and bench:d1 its own); `-- --quick` (CI) uses
// fewer requests and only prints. Exits 1 when a figure is over its budget.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { startLocalShop } from '../devkit/local-shop.ts';
import { measuredOn } from '../devkit/machine.ts';
import { markdownTable } from '../devkit/markdown.ts';
import { benchPorts } from '../devkit/ports.ts';
import { writeReadmeRegion } from '../devkit/readme.ts';
import { localTarget, shopFetch, signIn, upstreamCalls } from '../devkit/shop-client.ts';
import { buildSpa, SPA_OUT } from '../devkit/spa-build.ts';
import { kib, measureRoutes } from '../devkit/spa-size.ts';
import { quietEnv, runOrThrow } from '../devkit/wrangler.ts';
import { type Row as D1Row, summaryLine } from './d1-report.ts';
import { type LoadResult, load } from './load.ts';
import { spaTable } from './spa-size.ts';

const QUICK = process.argv.includes('--quick');
const REQUESTS = QUICK ? 300 : 2000;
const CONCURRENCY = 32;
const STOCK_REQUESTS = 1000;
/** The Worker renders the dashboard for its customer with the app's own components: measured (esbuild metafile of
 * `wrangler deploy --dry-run`, gzipped as below) at 167.1 KiB (171,134 B) against main's 149.9 KiB without it, so
 * 17.2 KiB: the dashboard's components and state, Preact's hooks and signals, and the API client its buttons use (its
 * lazy chunks are left out, wrangler.toml's define). The console's overview for its operator adds 3.4 KiB: 170.5 KiB
 * (174,570 B), the overview, the console's frame and its charts and tables (the console's other pages are a chunk the
 * same define leaves out). The budget is that plus 0.5 KiB; README ("The Worker's size"). */
const WORKER_BUDGET_BYTES = 171 * 1024;
const STOCK_FRESH_MS = 30_000;
const ports = benchPorts();

interface Row {
  figure: string;
  value: string;
  budget: string;
  ok: boolean;
}
const rows: Row[] = [];

console.log('▸ building the SPA and measuring its JavaScript per route');
buildSpa();
const spaRoutes = measureRoutes(SPA_OUT);
for (const route of spaRoutes)
  rows.push({
    figure: `SPA JS, ${route.route} (gzip)`,
    value: kib(route.gzipBytes),
    budget: `≤ ${kib(route.budgetBytes)}`,
    ok: route.gzipBytes <= route.budgetBytes,
  });

console.log('▸ building the Worker (wrangler deploy --dry-run, minified)');
runOrThrow('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', 'dist/worker']);
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

console.log(`▸ starting the local shop and simulators on ${ports.shop}/${ports.sim}`);
const local = await startLocalShop(ports);
const target = localTarget(ports);
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
    env: { ...quietEnv(), SHOP_URL: target.shop, SIM_URL: target.sim },
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

// Its own shop with the dev-only instrumented entry, on the same ports now that the one above has let them go.
console.log('▸ sequential D1 round trips per request (bench/d1.ts)');
rmSync('bench/results/d1.json', { force: true });
const d1 = spawnSync(process.execPath, ['bench/d1.ts', ...(QUICK ? ['--quick'] : [])], {
  encoding: 'utf8',
  env: { ...quietEnv(), PORT: String(ports.shop), SIM_PORT: String(ports.sim) },
});
const d1Rows = existsSync('bench/results/d1.json')
  ? (JSON.parse(readFileSync('bench/results/d1.json', 'utf8')) as { rows: D1Row[] }).rows
  : undefined;
rows.push({
  figure: 'sequential D1 round trips (bench:d1; the deployed bundle holds no instrumentation)',
  value: d1Rows
    ? summaryLine(d1Rows).replace('max sequential D1 round trips — ', '')
    : `no report: ${d1.stderr.slice(-300)}`,
  budget: 'customer reads ≤ 1, checkout ≤ 2, webhook ≤ 2, order poll ≤ 1',
  ok: d1.status === 0,
});

const table = markdownTable(
  ['figure', 'measured', 'budget', ''],
  rows.map((r) => [r.figure, r.value, r.budget, r.ok ? '✓' : '✗']),
);
const caption = `**\`npm run bench\`** on ${measuredOn()}, loopback, \`wrangler dev\`${QUICK ? ' (quick)' : ''}:`;
console.log(`\n${caption}\n\n${table}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/report.md', `${caption}\n\n${table}\n`);
// A quick run's figures are too few to stand for the tree: it only prints.
if (!QUICK) {
  writeReadmeRegion('bench', `${caption}\n\n${table}`);
  writeReadmeRegion('bench:spa', spaTable(spaRoutes));
}
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
