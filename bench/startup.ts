// `npm run bench:startup`: what a fresh isolate costs in CPU before and while it answers its first request. It builds
// the deployable Worker (`wrangler deploy --dry-run`), then, in a fresh Node process per run (V8, as workerd; no
// network, no bindings but the built SPA as ASSETS), measures the CPU of evaluating the bundle (the isolate's
// startup) and of each route's first and second request. Medians of RUNS runs (default 7). Workers Free allows
// 10 ms of CPU per request, startup included in the first; Workers Paid 30 s by default
// (https://developers.cloudflare.com/workers/platform/limits/#cpu-time). `wrangler check startup` profiles the same
// startup inside workerd. Writes the figures into the README's `bench:startup` region (Deploy → Workers plan).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'smol-toml';
import { measuredOn } from '../devkit/machine.ts';
import { markdownTable } from '../devkit/markdown.ts';
import { writeReadmeRegion } from '../devkit/readme.ts';
import { buildSpa, SPA_OUT } from '../devkit/spa-build.ts';
import { quietEnv } from '../devkit/wrangler.ts';

const RUNS = Number(process.env.RUNS ?? 7);
const ROUTES = ['/api/config', '/api/v1/openapi.json', '/api/v1/docs', '/'];

interface IsolateRun {
  startupMs: number;
  routes: Record<string, { firstMs: number; secondMs: number; status: number }>;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

/** One fresh isolate: evaluate the bundle, then ask each route twice (the first pays for what is built lazily). */
async function isolate(bundle: string, route: string): Promise<void> {
  const toml = parse(readFileSync('wrangler.toml', 'utf8')) as { vars: Record<string, string> };
  const brand = JSON.parse(toml.vars.BRAND ?? '{}');
  const env = {
    ...toml.vars,
    // A production shop as a reseller configures it (the template's placeholders are refused in production).
    SHOP_ENV: 'production',
    PUBLIC_URL: 'https://shop.acme-proxies.com',
    MAIL_FROM: 'Acme <login@acme-proxies.com>',
    BRAND: JSON.stringify({ ...brand, supportEmail: 'support@acme-proxies.com' }),
    MAIL_TRANSPORT: 'cloudflare',
    PROXIES_SX_API_KEY: 'psx_bench_reseller_key',
    STRIPE_SECRET_KEY: 'sk_live_bench',
    STRIPE_WEBHOOK_SECRET: 'whsec_bench',
    AUTH_SECRET: 'bench-auth-secret-at-least-32-characters-long',
    ENCRYPTION_KEY: 'YmVuY2gtZW5jcnlwdGlvbi1rZXktMzItYnl0ZXMtISE=',
    ASSETS: {
      fetch: async (request: Request) => {
        const file = join(SPA_OUT, new URL(request.url).pathname);
        if (!existsSync(file)) return new Response('not found', { status: 404 });
        const type = { '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml' }[extname(file)];
        return new Response(readFileSync(file), { headers: { 'content-type': type ?? 'application/octet-stream' } });
      },
    },
  };
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };
  const started = process.cpuUsage();
  const worker = (await import(pathToFileURL(bundle).href)).default;
  const startupMs = cpuMs(started);
  const ask = async () => {
    const at = process.cpuUsage();
    const res: Response = await worker.fetch(new Request(`https://shop.acme-proxies.com${route}`), env, ctx);
    await res.arrayBuffer();
    return { ms: cpuMs(at), status: res.status };
  };
  const first = await ask();
  const second = await ask();
  const run: IsolateRun = {
    startupMs,
    routes: { [route]: { firstMs: first.ms, secondMs: second.ms, status: first.status } },
  };
  console.log(JSON.stringify(run));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function main(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  try {
    console.log('▸ building the SPA and the deployable Worker (wrangler deploy --dry-run)');
    buildSpa();
    const built = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
      encoding: 'utf8',
      env: quietEnv(),
    });
    if (built.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${built.stderr}`);
    const bundle = join(outdir, 'index.js');
    const gzip = spawnSync('gzip', ['-c', bundle]).stdout.length;
    const size = `${(readFileSync(bundle).length / 1024).toFixed(1)} KiB (gzip ${(gzip / 1024).toFixed(1)} KiB)`;
    console.log(`  bundle ${size}`);

    const rows: string[][] = [];
    const startups: number[] = [];
    for (const route of ROUTES) {
      const runs: IsolateRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        const child = spawnSync(process.execPath, [process.argv[1] as string, '--isolate', bundle, route], {
          encoding: 'utf8',
        });
        const line = child.stdout.trim().split('\n').at(-1) ?? '';
        if (child.status !== 0 || !line.startsWith('{')) throw new Error(`isolate run failed:\n${child.stderr}`);
        runs.push(JSON.parse(line) as IsolateRun);
      }
      startups.push(...runs.map((r) => r.startupMs));
      const first = median(runs.map((r) => r.routes[route]?.firstMs ?? 0));
      const second = median(runs.map((r) => r.routes[route]?.secondMs ?? 0));
      const status = runs[0]?.routes[route]?.status;
      rows.push([`GET ${route} (${status})`, `${first.toFixed(1)} ms`, `${second.toFixed(1)} ms`]);
    }
    const profile = spawnSync(
      'npx',
      ['wrangler', 'check', 'startup', '--outfile', join(outdir, 'startup.cpuprofile')],
      { encoding: 'utf8', env: quietEnv() },
    );
    const active = /Active: ([\d.]+ ms)/.exec(profile.stdout + profile.stderr)?.[1];
    const report = [
      `The Worker's bundle is ${size}. Evaluating it (a fresh isolate's startup) costs ${median(startups).toFixed(1)} ms`,
      `of CPU (median of ${startups.length} fresh Node isolates); \`wrangler check startup\` profiles it inside workerd at`,
      `${active ?? '(not reported)'} active (Cloudflare's startup limit: 400 ms). Then each route's first request runs its`,
      'code for the first time (compiled lazily; Workers Free allows 10 ms), and its second request is what the rest cost:',
      '',
      markdownTable(
        ['request', 'first request of a fresh isolate (CPU, startup not included)', 'second request (CPU)'],
        rows,
      ),
      '',
      `Measured ${measuredOn()}.`,
    ].join('\n');
    console.log(`\n${report}`);
    writeReadmeRegion('bench:startup', report);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--isolate') await isolate(process.argv[3] as string, process.argv[4] as string);
else await main();
