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

// The API's RateLimit headers announce API_REQUESTS_PER_MINUTE and API_CUSTOMER_PER_MINUTE; the bindings
// are what counts, so they must agree.
for (const [variable, binding, fallback] of [
  ['API_REQUESTS_PER_MINUTE', 'API_TOKEN_LIMITER', 120],
  ['API_CUSTOMER_PER_MINUTE', 'API_CUSTOMER_LIMITER', 300],
] as const) {
  const limiter = toml.ratelimits?.find((r) => r.name === binding)?.simple;
  const announced = Number(vars[variable] ?? fallback);
  if (limiter?.period !== 60 || limiter.limit !== announced) {
    console.error(
      `✗ ${variable} (${announced}) must equal the ${binding} binding's limit in wrangler.toml (${limiter ? `${limiter.limit} per ${limiter.period} s` : 'missing'}), with a period of 60 s.`,
    );
    failed = true;
  }
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
