// `npm run deploy:rehearse`: the reseller's first deploy, end to end, with the real npm scripts and the real
// wrangler, against a local Cloudflare API (sim/cloudflare) on a fresh, empty account — and then a second deploy.
// No network: every Node process refuses connections to anything but the simulator, and the rehearsal checks that
// none was tried. Ends with one line: `deploy rehearsal: N checks passed, M failed` (exit 1 when M > 0).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type ApiCall, cloudflareControls } from '../devkit/cloudflare-controls.ts';
import { readDevVars } from '../devkit/dev-vars.ts';
import { cloudflareSimPort } from '../devkit/ports.ts';
import { startCloudflareSimulator } from '../devkit/simulators.ts';
import { type Check, checkAccount, MANIFEST_PATHS } from './deploy-rehearsal/checks.ts';
import { readExpectations } from './deploy-rehearsal/expectations.ts';
import { type CommandResult, RehearsalRunner, tail } from './deploy-rehearsal/run.ts';
import { REQUIRED_SECRETS, type SecretName } from './secrets-guide.ts';

const startedAt = performance.now();
const sim = await startCloudflareSimulator(cloudflareSimPort());
const controls = cloudflareControls(sim.url);
// Cloudflare accounts come with a workers.dev subdomain (registered when Workers is first opened).
const account = await controls.openAccount('Reseller (rehearsal)', 'acme-reseller');
mkdirSync('test-results', { recursive: true });
const runner = new RehearsalRunner(
  sim.url,
  controls,
  account,
  'test-results/deploy-rehearsal.log',
  'test-results/deploy-rehearsal-outbound.jsonl',
);
const snapshot = () => controls.account(account.accountId);
const results: Check[] = [];

function report(checks: Check[]): void {
  for (const c of checks) console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}${c.detail ? `\n      ${c.detail}` : ''}`);
  results.push(...checks);
}

/** Runs one step; shows the end of its output when it did not exit as expected. */
async function step(
  title: string,
  args: string[],
  expectSuccess: boolean,
  input = '',
  env: NodeJS.ProcessEnv = {},
): Promise<CommandResult> {
  const result = await runner.run('npm', args, input, env);
  console.log(`\n▸ ${title} (${(result.ms / 1000).toFixed(1)} s)`);
  if ((result.status === 0) !== expectSuccess) console.log(tail(result.output));
  return result;
}

const writes = (calls: ApiCall[]) => calls.filter((c) => c.method !== 'GET');
const creations = (calls: ApiCall[]) =>
  calls.filter(
    (c) =>
      c.method === 'POST' &&
      /\/(d1\/database|storage\/kv\/namespaces|queues|queues\/[^/]+\/consumers|workers\/assets\/upload)$/.test(c.path),
  );
const empty = async () => {
  const { workers, d1, kv, queues } = await snapshot();
  return workers.length + d1.length + kv.length + queues.length === 0;
};

const wrongToken = await step(
  'npm run secrets -- --check with a wrong API token',
  ['run', 'secrets', '--', '--check'],
  false,
  '',
  {
    CLOUDFLARE_API_TOKEN: 'not-the-account-token',
  },
);
report([
  {
    name: "it is refused with Cloudflare's authentication error, and says how to log in",
    ok: /Authentication error \[code: 10000\]/.test(wrongToken.output) && /wrangler login/.test(wrongToken.output),
  },
]);

const tooEarly = await step('npm run deploy on the empty account, before any secret is set', ['run', 'deploy'], false);
report([
  {
    name: 'the deploy stops at the secrets check',
    ok: tooEarly.status !== 0 && /checking secrets failed/.test(tooEarly.output),
  },
  {
    name: `before anything is created: ${tooEarly.calls.length} API call(s), all reads`,
    ok: writes(tooEarly.calls).length === 0,
  },
  { name: 'the account is still empty', ok: await empty() },
]);

const check = await step('npm run secrets -- --check on the fresh account', ['run', 'secrets', '--', '--check'], false);
report([
  {
    name: `it fails and names the ${REQUIRED_SECRETS.length} missing secrets`,
    ok: check.status !== 0 && REQUIRED_SECRETS.every((name) => new RegExp(`✗ ${name}\\b`).test(check.output)),
  },
]);

const [firstSecret] = REQUIRED_SECRETS as [SecretName];
const placeholder = readDevVars('.dev.vars.example')[firstSecret] ?? '';
const refused = await step(
  `npm run secrets, given the development ${firstSecret}`,
  ['run', 'secrets'],
  false,
  `${placeholder}\n`,
);
const stillStops = await step('npm run deploy after the refused placeholder', ['run', 'deploy'], false);
report([
  {
    name: `the placeholder ${firstSecret} is refused before it reaches the account`,
    ok: refused.status !== 0 && /development placeholder/.test(refused.output) && writes(refused.calls).length === 0,
  },
  { name: 'the deploy still stops before creating anything', ok: stillStops.status !== 0 && (await empty()) },
]);

const secretValues: Record<SecretName, string> = {
  PROXIES_SX_API_KEY: `psx_${randomBytes(16).toString('hex')}`,
  STRIPE_SECRET_KEY: `sk_live_${randomBytes(16).toString('hex')}`,
  STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
  AUTH_SECRET: randomBytes(48).toString('base64'),
  AUTH_SECRET_PREVIOUS: '',
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  RESEND_API_KEY: '',
  TURNSTILE_SECRET_KEY: '',
};
const answers = REQUIRED_SECRETS.map((name) => secretValues[name]).join('\n');
const put = await step(
  'npm run secrets: each value through wrangler secret put',
  ['run', 'secrets'],
  true,
  `${answers}\n`,
);
const checked = await step('npm run secrets -- --check', ['run', 'secrets', '--', '--check'], true);
report([
  {
    name: `${REQUIRED_SECRETS.length} secrets set with wrangler secret put`,
    ok:
      put.status === 0 &&
      put.calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/secrets') && c.status === 200).length ===
        REQUIRED_SECRETS.length,
  },
  { name: 'the check passes now', ok: checked.status === 0 },
]);

const first = await step('npm run deploy: the first deploy', ['run', 'deploy'], true);
const afterFirst = await snapshot();
const workerName = afterFirst.workers[0]?.name ?? '';
const deployedAssets = new Map(
  await Promise.all(
    MANIFEST_PATHS.map(async (path) => [path, await controls.asset(account.accountId, workerName, path)] as const),
  ),
);
report([
  { name: 'the first deploy succeeds', ok: first.status === 0 },
  ...checkAccount(afterFirst, readExpectations(), (path) => deployedAssets.get(path)),
]);

const second = await step('npm run deploy again, nothing changed', ['run', 'deploy'], true);
const afterSecond = await snapshot();
const count = (s: typeof afterFirst) => [s.d1.length, s.kv.length, s.queues.length, s.workers.length];
report([
  { name: 'the second deploy succeeds', ok: second.status === 0 },
  {
    name: 'it creates nothing (no database, namespace, queue, consumer or asset upload)',
    ok:
      creations(second.calls).length === 0 && JSON.stringify(count(afterSecond)) === JSON.stringify(count(afterFirst)),
    detail: creations(second.calls)
      .map((c) => `${c.method} ${c.path}`)
      .join(', '),
  },
  {
    name: 'migrations are not re-applied',
    ok:
      /No migrations to apply/.test(second.output) && JSON.stringify(afterSecond.d1) === JSON.stringify(afterFirst.d1),
  },
  {
    name: 'the Worker gets one new deployed version, with the same bindings',
    ok:
      afterSecond.workers[0]?.versions === (afterFirst.workers[0]?.versions ?? 0) + 1 &&
      JSON.stringify(afterSecond.workers[0]?.bindings) === JSON.stringify(afterFirst.workers[0]?.bindings),
  },
]);

const allCalls = await controls.calls();
const outbound = runner.outboundConnections();
const elsewhere = outbound.filter((c) => !c.allowed);
report([
  {
    name: `every one of the ${allCalls.length} API calls reached a simulated endpoint`,
    ok: allCalls.every((c) => !c.unrouted),
    detail: allCalls
      .filter((c) => c.unrouted)
      .map((c) => `${c.method} ${c.path}`)
      .join(', '),
  },
  {
    name: `${outbound.length} outbound connections, all to the local Cloudflare API; none anywhere else`,
    ok: outbound.length > 0 && elsewhere.length === 0,
    detail: elsewhere.map((c) => `${c.kind} ${c.address} from ${c.argv.join(' ')}`).join(', '),
  },
]);

await sim.stop();
const failed = results.filter((c) => !c.ok).length;
console.log(
  `\nfull output: test-results/deploy-rehearsal.log (${((performance.now() - startedAt) / 1000).toFixed(0)} s)`,
);
console.log(`deploy rehearsal: ${results.length - failed} checks passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
