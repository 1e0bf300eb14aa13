// `npm run bench:stock` (node bench/stock.ts) against a running `npm run dev`: 500 concurrent
// GET /api/stock with a cold cache, then how many upstream calls the Proxies.sx simulator saw (goal: 1)
// and the latency percentiles of the responses.
//
// Cold cache, honestly: the KV entry is deleted from the same local state `wrangler dev` uses
// (`wrangler kv key delete --local`), the simulator's call log is reset, and the bench waits out the
// isolate's 5 s "just refreshed" window. It then checks that every answer was fetched after it started,
// so a warm cache cannot pass for a cold one.
// Env: SHOP_URL / SIM_URL, or PORT / SIM_PORT (defaults 8787 / 8790), N (default 500).
import { spawnSync } from 'node:child_process';
import { targetFromEnv } from '../devkit/shop-client.ts';
import { quietEnv } from '../devkit/wrangler.ts';

const { shop: SHOP_URL, sim: SIM_URL } = targetFromEnv();
const N = Number(process.env.N ?? 500);
const STOCK_KV_KEY = 'availability:stock:v1';
const SETTLE_MS = 6_000;

async function burst(path: string): Promise<{ ms: number; status: number; fetchedAt?: string }[]> {
  return Promise.all(
    Array.from({ length: N }, async () => {
      const t0 = performance.now();
      const res = await fetch(`${SHOP_URL}${path}`);
      const body = (await res.json()) as { fetchedAt?: string };
      return { ms: performance.now() - t0, status: res.status, fetchedAt: body.fetchedAt };
    }),
  );
}

function summary(results: { ms: number }[]): string {
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  return `p50 ${fmt(percentile(sorted, 50))} · p90 ${fmt(percentile(sorted, 90))} · p99 ${fmt(percentile(sorted, 99))} · max ${fmt(sorted.at(-1)!)}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const probe = await fetch(`${SHOP_URL}/api/healthz`).catch(() => undefined);
  if (!probe) throw new Error(`no shop on ${SHOP_URL}: start \`npm run dev\` first`);

  console.log(`▸ deleting the cached stock from local KV (${STOCK_KV_KEY})`);
  const del = spawnSync('npx', ['wrangler', 'kv', 'key', 'delete', '--binding', 'CACHE', '--local', STOCK_KV_KEY], {
    encoding: 'utf8',
    env: quietEnv(),
  });
  if (del.status !== 0) throw new Error(`wrangler kv key delete failed:\n${del.stderr}`);
  await fetch(`${SIM_URL}/_sim/reset`, { method: 'POST' });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  console.log(`▸ firing ${N} concurrent GET ${SHOP_URL}/api/stock`);
  const started = Date.now();
  const results = await burst('/api/stock');
  const wall = Date.now() - started;

  const calls = (await (await fetch(`${SIM_URL}/_sim/calls`)).json()) as { method: string; path: string }[];
  const upstream = calls.filter((c) => c.path.startsWith('/v1/gateway/pool/stock')).length;
  const statuses = results.reduce<Record<number, number>>((acc, r) => {
    acc[r.status] = (acc[r.status] ?? 0) + 1;
    return acc;
  }, {});
  const fetchedAts = new Set(results.map((r) => r.fetchedAt));
  const cold = results.every((r) => r.fetchedAt !== undefined && Date.parse(r.fetchedAt) >= started - 1000);

  // For scale: the same burst on a warm cache, and on a route that touches neither KV nor the upstream
  // (what `wrangler dev` itself costs per request at this concurrency).
  const warm = await burst('/api/stock');
  const floor = await burst('/api/config');
  const upstreamAfterWarm = (await (await fetch(`${SIM_URL}/_sim/calls`)).json()) as unknown[];
  console.log(`
  requests          ${N} (statuses ${JSON.stringify(statuses)}) in ${wall} ms
  cold cache        ${cold ? 'yes: every answer was fetched after the bench started' : 'NO: some answers predate the bench'}
  distinct values   ${fetchedAts.size}
  upstream calls    ${upstream}  (goal: 1)
  latency (cold)    ${summary(results)}
  latency (warm)    ${summary(warm)}   upstream calls after it: ${upstreamAfterWarm.length}
  floor /api/config ${summary(floor)}   (no KV, no upstream: the local dev server's own cost)
`);
  if (upstream !== 1 || !cold || statuses[200] !== N) process.exitCode = 1;
}

await main();
