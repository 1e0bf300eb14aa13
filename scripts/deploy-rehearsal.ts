// `npm run deploy:rehearse`: the reseller's first deploy, end to end, with the real npm scripts and the real
// wrangler, against a local Cloudflare API (sim/cloudflare) on a fresh, empty account, in a copy of the project:
// the template's placeholders and a var over 5 KB stopped by `npm run check` before any call, a first deploy that
// fails midway (the API down at the upload) and is simply run again, a second deploy, a failed migration that
// stops a deploy before its upload, and what the API refuses as Cloudflare does. No network: every Node process
// refuses connections to anything but the simulator, and the rehearsal checks that none was tried. Ends with one
// line: `deploy rehearsal: N checks passed, M failed` (exit 1 when M > 0).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AccountView, type ApiCall, cloudflareControls } from '../devkit/cloudflare-controls.ts';
import { readDevVars } from '../devkit/dev-vars.ts';
import { cloudflareSimPort } from '../devkit/ports.ts';
import { startCloudflareSimulator } from '../devkit/simulators.ts';
import { type Check, checkAccount, MANIFEST_PATHS } from './deploy-rehearsal/checks.ts';
import { readExpectations } from './deploy-rehearsal/expectations.ts';
import { copyProject, fillInOwnAddresses, namespaceIdIn, restoreVar, setVar } from './deploy-rehearsal/project.ts';
import { checkRefusals } from './deploy-rehearsal/refusals.ts';
import { type CommandResult, RehearsalRunner, tail } from './deploy-rehearsal/run.ts';
import { REQUIRED_SECRETS, type SecretName } from './secrets-guide.ts';

const startedAt = performance.now();
const sim = await startCloudflareSimulator(cloudflareSimPort());
const controls = cloudflareControls(sim.url);
// Cloudflare accounts come with a workers.dev subdomain (registered when Workers is first opened).
const account = await controls.openAccount('Reseller (rehearsal)', 'acme-reseller');
mkdirSync('test-results', { recursive: true });
const logFile = resolve('test-results/deploy-rehearsal.log');
const runner = new RehearsalRunner(
  sim.url,
  controls,
  account,
  logFile,
  resolve('test-results/deploy-rehearsal-outbound.jsonl'),
);
// Everything below runs in a copy of the project, which the rehearsal and the deploy may edit.
const project = copyProject();
process.chdir(project);
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

const template = await step('npm run deploy with the template as it comes', ['run', 'deploy'], false);
report([
  {
    name: "it stops at the check, naming the template's placeholder PUBLIC_URL, MAIL_FROM and BRAND supportEmail",
    ok:
      /checking wrangler\.toml .* failed/.test(template.output) &&
      [
        'PUBLIC_URL: "shop.example.com" is a placeholder',
        'MAIL_FROM: sends from "example.com"',
        'BRAND → supportEmail',
      ].every((text) => template.output.includes(text)),
  },
  { name: `before any API call (${template.calls.length})`, ok: template.calls.length === 0 },
]);
fillInOwnAddresses();

// A BRAND with the landing page's questions written out: 7 KB, over the 5 KB a var may hold.
const brand = JSON.parse(/^BRAND = '''([\s\S]*?)'''$/m.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? '{}');
const faq = Array.from({ length: 20 }, (_, i) => ({
  question: `Question ${i + 1}?`,
  answer: 'An answer. '.repeat(30),
}));
const brandText = setVar('BRAND', JSON.stringify({ ...brand, landing: { faq } }));
const oversized = await step('npm run deploy with a 7 KB BRAND', ['run', 'deploy'], false);
report([
  {
    name: 'npm run check refuses the oversized BRAND, naming the var and the 5 KB limit',
    ok: /BRAND: is [\d,]+ bytes; Cloudflare allows at most 5 KB \(5,000 bytes\) per var/.test(oversized.output),
  },
  { name: `before any API call (${oversized.calls.length})`, ok: oversized.calls.length === 0 && (await empty()) },
]);
restoreVar('BRAND', brandText);

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

// The API is down for the upload of the Worker's code (a new version; `wrangler secret put` made the Worker itself),
// answering Cloudflare's internal error: the deploy fails midway, after D1, KV and every queue exist.
const versionsBeforeUpload = (await snapshot()).workers[0]?.versions;
await controls.fault({ method: 'POST', path: '/workers/scripts/[^/]+/versions$', count: 10 });
const failed = await step('npm run deploy: the first deploy, the API failing at the upload', ['run', 'deploy'], false);
await controls.clearFaults();
const midway = await snapshot();
const namespaceId = namespaceIdIn('CACHE');
report([
  {
    name: 'the first deploy fails at the upload, after the database, the namespace and the queues exist',
    ok:
      failed.status !== 0 &&
      /deploying the Worker failed/.test(failed.output) &&
      midway.workers[0]?.versions === versionsBeforeUpload &&
      midway.d1.length === 1 &&
      midway.kv.length === 1 &&
      midway.queues.length === readExpectations().queueNames.size,
    detail: `versions ${midway.workers[0]?.versions} (before ${versionsBeforeUpload}), d1 ${midway.d1.length}, kv ${midway.kv.length}, queues ${midway.queues.length}`,
  },
  {
    name: 'the migrations ran before the upload',
    ok: JSON.stringify(midway.d1[0]?.migrations) === JSON.stringify(readExpectations().migrations),
  },
  {
    name: "the namespace's id is written into wrangler.toml, and the deploy says so",
    ok: namespaceId === midway.kv[0]?.id && /wrote the id of KV namespace proxy-storefront-cache/.test(failed.output),
  },
]);

const first = await step('npm run deploy again, with no change: it finishes the first deploy', ['run', 'deploy'], true);
const afterFirst = await snapshot();
const workerName = afterFirst.workers[0]?.name ?? '';
const deployedAssets = new Map(
  await Promise.all(
    MANIFEST_PATHS.map(async (path) => [path, await controls.asset(account.accountId, workerName, path)] as const),
  ),
);
report([
  { name: 'the re-run succeeds', ok: first.status === 0 },
  {
    name: 'it finds every resource by name and creates none twice (no 10014, one database, one namespace)',
    ok:
      !/10014/.test(first.output) &&
      creations(first.calls).every((c) => !/d1\/database$|storage\/kv\/namespaces$|queues$/.test(c.path)) &&
      afterFirst.d1.length === 1 &&
      afterFirst.kv.length === 1 &&
      afterFirst.queues.length === readExpectations().queueNames.size,
    detail: creations(first.calls)
      .map((c) => `${c.method} ${c.path}`)
      .join(', '),
  },
  ...checkAccount(afterFirst, readExpectations(), (path) => deployedAssets.get(path)),
]);

const second = await step('npm run deploy again, nothing changed', ['run', 'deploy'], true);
const afterSecond = await snapshot();
const count = (s: AccountView) => [s.d1.length, s.kv.length, s.queues.length, s.workers.length];
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

// A migration that fails stops the deploy before its upload: the Worker keeps the version that matches its schema.
writeFileSync('migrations/0099_rehearsal_broken.sql', 'CREATE TABLE customers (id text);\n');
const versionsBefore = (await snapshot()).workers[0]?.versions;
const broken = await step('npm run deploy with a migration that fails', ['run', 'deploy'], false);
rmSync('migrations/0099_rehearsal_broken.sql');
report([
  {
    name: 'a failing migration stops the deploy before the upload: no new version of the Worker',
    ok:
      broken.status !== 0 &&
      /applying D1 migrations \(remote\) failed/.test(broken.output) &&
      (await snapshot()).workers[0]?.versions === versionsBefore,
  },
]);

console.log('\n▸ the local Cloudflare API refuses as Cloudflare does');
report(await checkRefusals(sim.url, controls));

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
rmSync(project, { recursive: true, force: true });
const failures = results.filter((c) => !c.ok).length;
console.log(`\nfull output: ${logFile} (${((performance.now() - startedAt) / 1000).toFixed(0)} s)`);
console.log(`deploy rehearsal: ${results.length - failures} checks passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
