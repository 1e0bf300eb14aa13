// `npm run secrets`: shows which secrets the deployed Worker has and sets each missing one with
// `wrangler secret put` (the value is typed into wrangler's prompt, never into this script or your shell history).
// `npm run secrets -- --check` only lists them and exits 1 when a required one is missing.
import { spawnSync } from 'node:child_process';
import { SECRET_NAMES } from '../src/config/schema.ts';

const OPTIONAL = new Set(['AUTH_SECRET_PREVIOUS', 'RESEND_API_KEY']);
const HOW: Record<string, string> = {
  PROXIES_SX_API_KEY: 'your Proxies.sx reseller API key (psx_…, scope customers:write)',
  STRIPE_SECRET_KEY: 'Stripe secret key (sk_live_… or a restricted rk_live_… key)',
  STRIPE_WEBHOOK_SECRET: 'signing secret of the webhook endpoint https://YOUR-SHOP/api/stripe/webhook (whsec_…)',
  AUTH_SECRET: 'at least 32 random characters: openssl rand -base64 48',
  AUTH_SECRET_PREVIOUS: 'only while rotating AUTH_SECRET: the old value',
  ENCRYPTION_KEY: '32 random bytes in base64: openssl rand -base64 32 (never change it once keys are stored)',
  RESEND_API_KEY: 'only with MAIL_TRANSPORT = "resend"',
};

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const listed = spawnSync('npx', ['wrangler', 'secret', 'list', '--format', 'json'], { encoding: 'utf8', env });
if (listed.status !== 0) {
  console.error(`✗ could not list secrets (are you logged in? run \`npx wrangler login\`):\n${listed.stderr}`);
  process.exit(1);
}
const present = new Set((JSON.parse(listed.stdout) as { name: string }[]).map((s) => s.name));
const missing = SECRET_NAMES.filter((name) => !present.has(name) && !OPTIONAL.has(name));

for (const name of SECRET_NAMES)
  console.log(`${present.has(name) ? '✓' : OPTIONAL.has(name) ? '·' : '✗'} ${name.padEnd(24)} ${HOW[name] ?? ''}`);

if (process.argv.includes('--check')) process.exit(missing.length ? 1 : 0);

for (const name of missing) {
  console.log(`\n▸ ${name}: ${HOW[name] ?? ''}`);
  const put = spawnSync('npx', ['wrangler', 'secret', 'put', name], { stdio: 'inherit', env });
  if (put.status !== 0) process.exit(put.status ?? 1);
}
console.log(missing.length ? '\n✓ all required secrets are set' : '\n✓ nothing missing');
