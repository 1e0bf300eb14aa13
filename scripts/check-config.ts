// `npm run check`: validates wrangler.toml offline before anything reaches Cloudflare, naming each bad var and field:
// the vars (src/config), Cloudflare's limits on what a deploy uploads (src/config/platform.ts: var sizes and count,
// cron syntax, queue consumer settings), the reseller's own texts and words per language in content/, and what the chosen mail transport
// needs. Secrets set in its environment are checked too (`STRIPE_SECRET_KEY=sk_live_… npm run check`): a production
// shop refuses development placeholders and Stripe test-mode keys.
// `npm run check -- --dev` (what `npm run dev` and CI run) validates the local config instead (.dev.vars over
// wrangler.toml, secrets included); wrangler.toml's own production problems, such as the template's example.com
// addresses, are then listed for before a deploy without failing.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { readDevVars } from '../devkit/dev-vars.ts';
import { checkSecrets, formatProblems, parseConfig, parseVars } from '../src/config/index.ts';
import { addressDomain } from '../src/config/placeholders.ts';
import { type WranglerLimitsInput, wranglerLimitProblems } from '../src/config/platform.ts';
import { SECRET_NAMES } from '../src/config/schema.ts';
import { CONTENT_ROOT, contentFiles, contentProblems } from './shop-content.ts';

const toml = parse(readFileSync('wrangler.toml', 'utf8')) as WranglerLimitsInput & {
  vars?: Record<string, unknown>;
  ratelimits?: { name: string; simple?: { limit: number; period: number } }[];
  send_email?: { name: string }[];
};
const vars = toml.vars ?? {};
const dev = process.argv.includes('--dev');
let failed = false;
const refuse = (text: string) => {
  console.error(text);
  failed = true;
};

// The API's RateLimit headers announce API_REQUESTS_PER_MINUTE and API_CUSTOMER_PER_MINUTE; the bindings
// are what counts, so they must agree.
for (const [variable, binding, fallback] of [
  ['API_REQUESTS_PER_MINUTE', 'API_TOKEN_LIMITER', 120],
  ['API_CUSTOMER_PER_MINUTE', 'API_CUSTOMER_LIMITER', 300],
] as const) {
  const limiter = toml.ratelimits?.find((r) => r.name === binding)?.simple;
  const announced = Number(vars[variable] ?? fallback);
  if (limiter?.period !== 60 || limiter.limit !== announced) {
    refuse(
      `✗ ${variable} (${announced}) must equal the ${binding} binding's limit in wrangler.toml (${limiter ? `${limiter.limit} per ${limiter.period} s` : 'missing'}), with a period of 60 s.`,
    );
  }
}

const leaked = SECRET_NAMES.filter((name) => name in vars);
if (leaked.length)
  refuse(`✗ wrangler.toml [vars] holds secrets: ${leaked.join(', ')}. Remove them and use \`wrangler secret put\`.`);

const limits = wranglerLimitProblems(toml, SECRET_NAMES);
if (limits.length)
  refuse(`✗ wrangler.toml passes Cloudflare's limits, which refuse the upload:\n${formatProblems(limits)}`);

const { problems } = parseVars(vars);
const varsReport = `wrangler.toml [vars] (${String(vars.SHOP_ENV)}):\n${formatProblems(problems)}`;
if (problems.length && dev) console.log(`· to fix before deploying, ${varsReport}`);
else if (problems.length) refuse(`✗ ${varsReport}`);
else if (!limits.length)
  console.log(
    `✓ wrangler.toml [vars] are valid and within Cloudflare's limits (${Object.keys(vars).length} vars). Secrets needed at deploy: ${SECRET_NAMES.join(', ')}.`,
  );

const texts = contentProblems(CONTENT_ROOT, parseVars(vars).vars?.PRICING.tiers);
if (texts.length)
  refuse(`✗ ${CONTENT_ROOT}/:\n${texts.map((t) => `  ${CONTENT_ROOT}/${t.file}: ${t.message}`).join('\n')}`);
else if (contentFiles().length) console.log(`✓ ${CONTENT_ROOT}/: ${contentFiles().join(', ')}`);

// What mail needs beyond the vars: the binding here, the rest on the provider's side (README → Deploy → Mail).
const sender = addressDomain(String(vars.MAIL_FROM ?? '')) ?? 'your sender domain';
if (vars.MAIL_TRANSPORT === 'cloudflare') {
  if (!toml.send_email?.some((binding) => binding.name === 'MAILER'))
    refuse('✗ MAIL_TRANSPORT is "cloudflare" but wrangler.toml has no [[send_email]] binding named MAILER.');
  else
    console.log(
      `· mail through Cloudflare Email Service needs Workers Paid and ${sender} onboarded as a sending domain (dashboard → Email Service); new accounts start with a low daily quota.`,
    );
} else if (vars.MAIL_TRANSPORT === 'resend')
  console.log(
    `· mail through Resend needs ${sender} verified at Resend and the secret RESEND_API_KEY (npm run secrets).`,
  );

const givenSecrets = Object.fromEntries(
  SECRET_NAMES.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
);
if (Object.keys(givenSecrets).length) {
  const secretProblems = checkSecrets(givenSecrets, vars.SHOP_ENV);
  const names = Object.keys(givenSecrets).join(', ');
  if (secretProblems.length) refuse(`✗ secrets from the environment (${names}):\n${formatProblems(secretProblems)}`);
  else console.log(`✓ secrets from the environment are valid (${names}).`);
}

if (dev) {
  const file = existsSync('.dev.vars') ? '.dev.vars' : '.dev.vars.example';
  const result = parseConfig({ ...vars, ...readDevVars(file) });
  if (result.ok) console.log(`✓ local config (${file} over wrangler.toml) is valid.`);
  else refuse(`✗ local config (${file} over wrangler.toml):\n${formatProblems(result.problems)}`);
}

process.exit(failed ? 1 : 0);
