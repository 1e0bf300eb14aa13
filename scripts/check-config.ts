// `npm run check`: validates the vars in wrangler.toml offline, naming each bad var and field.
// Secrets set in its environment are checked too (`STRIPE_SECRET_KEY=sk_live_… npm run check`): a production shop
// refuses development placeholders and Stripe test-mode keys.
// `npm run check -- --dev` validates the local config too (.dev.vars over wrangler.toml, secrets included).
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { readDevVars } from '../devkit/dev-vars.ts';
import { checkSecrets, formatProblems, parseConfig, parseVars } from '../src/config/index.ts';
import { SECRET_NAMES } from '../src/config/schema.ts';

const toml = parse(readFileSync('wrangler.toml', 'utf8')) as {
  vars?: Record<string, unknown>;
  ratelimits?: { name: string; simple?: { limit: number; period: number } }[];
};
const vars = toml.vars ?? {};
let failed = false;

// The API's RateLimit headers announce API_REQUESTS_PER_MINUTE; the binding is what counts, so they must agree.
const apiLimiter = toml.ratelimits?.find((r) => r.name === 'API_TOKEN_LIMITER')?.simple;
const announced = Number(vars.API_REQUESTS_PER_MINUTE ?? 120);
if (apiLimiter?.period !== 60 || apiLimiter.limit !== announced) {
  console.error(
    `✗ API_REQUESTS_PER_MINUTE (${announced}) must equal the API_TOKEN_LIMITER binding's limit in wrangler.toml (${apiLimiter ? `${apiLimiter.limit} per ${apiLimiter.period} s` : 'missing'}), with a period of 60 s.`,
  );
  failed = true;
}

const leaked = SECRET_NAMES.filter((name) => name in vars);
if (leaked.length) {
  console.error(
    `✗ wrangler.toml [vars] holds secrets: ${leaked.join(', ')}. Remove them and use \`wrangler secret put\`.`,
  );
  failed = true;
}

const { problems } = parseVars(vars);
if (problems.length) {
  console.error(`✗ wrangler.toml [vars] (${String(vars.SHOP_ENV)}):\n${formatProblems(problems)}`);
  failed = true;
} else {
  console.log(
    `✓ wrangler.toml [vars] are valid (${Object.keys(vars).length} vars). Secrets needed at deploy: ${SECRET_NAMES.join(', ')}.`,
  );
}

const givenSecrets = Object.fromEntries(
  SECRET_NAMES.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
);
if (Object.keys(givenSecrets).length) {
  const secretProblems = checkSecrets(givenSecrets, vars.SHOP_ENV);
  const names = Object.keys(givenSecrets).join(', ');
  if (secretProblems.length) {
    console.error(`✗ secrets from the environment (${names}):\n${formatProblems(secretProblems)}`);
    failed = true;
  } else console.log(`✓ secrets from the environment are valid (${names}).`);
}

if (process.argv.includes('--dev')) {
  const file = existsSync('.dev.vars') ? '.dev.vars' : '.dev.vars.example';
  const result = parseConfig({ ...vars, ...readDevVars(file) });
  if (result.ok) console.log(`✓ local config (${file} over wrangler.toml) is valid.`);
  else {
    console.error(`✗ local config (${file} over wrangler.toml):\n${formatProblems(result.problems)}`);
    failed = true;
  }
}

process.exit(failed ? 1 : 0);
