// `npm run dev`: the whole shop on http://localhost:8787 with local D1/KV/Queues and the simulators of
// Proxies.sx, Stripe and the mail provider on http://127.0.0.1:8790. No accounts or keys needed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { readDevVars } from '../devkit/dev-vars.ts';
import { devPorts } from '../devkit/ports.ts';
import { type RunningServer, startSimulators } from '../devkit/simulators.ts';
import { quietEnv } from '../devkit/wrangler.ts';
import { MANIFEST_PATHS } from '../src/site/manifest.ts';

const { shop: SHOP_PORT, sim: SIM_PORT } = devPorts();
/** Optional: a separate local D1/KV/Queue state folder (the browser tests start from an empty one). */
const PERSIST_DIR = process.env.DEV_PERSIST_DIR;
const persist = PERSIST_DIR ? ['--persist-to', PERSIST_DIR] : [];
/** Optional: another Worker entry wrapping src/index.ts (bench:d1's instrumented build; never deployed). */
const entry = process.env.DEV_ENTRY ? [process.env.DEV_ENTRY] : [];
// Other ports than the defaults: point the shop at the moved simulators (a --var beats .dev.vars).
const portVars = [
  ...(process.env.PORT ? [`PUBLIC_URL:http://localhost:${SHOP_PORT}`] : []),
  ...(process.env.SIM_PORT
    ? [
        `PROXIES_SX_API_URL:http://127.0.0.1:${SIM_PORT}/v1`,
        `STRIPE_API_URL:http://127.0.0.1:${SIM_PORT}`,
        `MAIL_OUTBOX_URL:http://127.0.0.1:${SIM_PORT}/_sim/outbox`,
        `TURNSTILE_VERIFY_URL:http://127.0.0.1:${SIM_PORT}/turnstile/v0/siteverify`,
      ]
    : []),
].flatMap((v) => ['--var', v]);
/** Optional: vars that replace wrangler.toml's, as a JSON object of names and values (a browser test's own PRICING). */
const extraVars = Object.entries(JSON.parse(process.env.DEV_VARS ?? '{}') as Record<string, string>).flatMap(
  ([name, value]) => ['--var', `${name}:${value}`],
);
const quietWrangler = quietEnv();
const children: ChildProcess[] = [];
let simulators: RunningServer | undefined;

function step(title: string, command: string, args: string[]): void {
  console.log(`▸ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: quietWrangler });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

/** Own process group, so stopping dev stops wrangler's workerd too. */
function start(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: 'inherit', env: quietWrangler, detached: true });
  children.push(child);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`✗ ${command} ${args[0]} exited (${code}); stopping dev.`);
      stop(code ?? 1);
    }
  });
  return child;
}

/**
 * Starts `vite build --watch` and waits for its first build of both bundles in every language, so wrangler starts on a
 * finished build: each change to the assets reloads wrangler's local server, which would hold up or drop the first
 * requests and queue messages (seven languages make that first build long).
 */
async function buildAndWatch(): Promise<void> {
  console.log('▸ building the SPA (and watching it)');
  const since = Date.now();
  start('npx', ['vite', 'build', '--watch', '--logLevel', 'warn']);
  const writtenSince = (path: string) => existsSync(path) && statSync(path).mtimeMs >= since;
  const deadline = since + 5 * 60_000;
  while (!MANIFEST_PATHS.every((path) => writtenSince(`dist/web/${path}`))) {
    if (Date.now() > deadline) {
      console.error('✗ the SPA did not build within 5 minutes');
      stop(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let stopping = false;
function stop(code = 0): void {
  stopping = true;
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  void simulators?.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('▸ created .dev.vars from .dev.vars.example (local simulators, no real keys)');
}
step('checking config', process.execPath, ['scripts/check-config.ts', '--dev']);
step('applying D1 migrations locally', 'npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...persist]);

// The Stripe simulator signs webhooks with the shop's secret and delivers them to this shop.
const devVars = readDevVars('.dev.vars');
simulators = await startSimulators(SIM_PORT, {
  STRIPE_WEBHOOK_SECRET: devVars.STRIPE_WEBHOOK_SECRET ?? '',
  STRIPE_SECRET_KEY: devVars.STRIPE_SECRET_KEY ?? '',
  SHOP_URL: process.env.SHOP_URL ?? `http://127.0.0.1:${SHOP_PORT}`,
});
console.log(
  `▸ simulators on ${simulators.url}  (Proxies.sx /v1 · Stripe /v1 + /stripe/checkout · mail outbox /_sim/outbox)`,
);

await buildAndWatch();
start('npx', [
  'wrangler',
  'dev',
  ...entry,
  '--port',
  String(SHOP_PORT),
  '--ip',
  '127.0.0.1',
  '--show-interactive-dev-session=false',
  // Exposes /__scheduled, so the cron (reconcile, reminders, auto top-up) can be fired with curl.
  '--test-scheduled',
  ...persist,
  ...portVars,
  ...extraVars,
]);
console.log(
  `\n  ➜ shop:       http://localhost:${SHOP_PORT}\n  ➜ mail outbox: ${simulators.url}/_sim/outbox  (sign-in links are also printed here)\n  ➜ fire the cron: curl "http://127.0.0.1:${SHOP_PORT}/__scheduled?cron=*/5+*+*+*+*"\n`,
);
