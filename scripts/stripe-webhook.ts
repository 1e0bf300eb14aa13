// `npm run stripe:webhook`: creates or updates the shop's webhook endpoint at Stripe — `PUBLIC_URL/api/stripe/webhook`,
// exactly the events the shop handles, in the API version the code reads (src/stripe/endpoint.ts) — and stores a new
// endpoint's signing secret as the Worker's STRIPE_WEBHOOK_SECRET with `wrangler secret put` (on stdin, never in argv).
// Prints what it changed; run again, it changes nothing. The Stripe key is STRIPE_SECRET_KEY from the environment,
// else asked for at a hidden prompt; STRIPE_API_URL points it elsewhere (the local simulator).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parse } from 'smol-toml';
import { syncWebhookEndpoint, webhookEndpointsApi } from '../src/stripe/endpoint.ts';
import { WEBHOOK_EVENTS } from '../src/stripe/events.ts';
import { STRIPE_API_VERSION } from '../src/stripe/transport.ts';

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const SECRET = 'STRIPE_WEBHOOK_SECRET';

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

async function hiddenAnswer(question: string): Promise<string> {
  const hidden = process.stdin.isTTY;
  const reader = createInterface({
    input: process.stdin,
    output: hidden ? new Writable({ write: (_chunk, _encoding, done) => done() }) : undefined,
    terminal: hidden,
  });
  process.stdout.write(question);
  const answer = await reader[Symbol.asyncIterator]().next();
  reader.close();
  process.stdout.write('\n');
  return answer.done ? '' : answer.value.trim();
}

const toml = parse(readFileSync('wrangler.toml', 'utf8')) as { vars?: { PUBLIC_URL?: string } };
const publicUrl = (process.env.PUBLIC_URL ?? toml.vars?.PUBLIC_URL ?? '').replace(/\/+$/, '');
if (!/^https?:\/\//.test(publicUrl)) fail('PUBLIC_URL (wrangler.toml) is not set to the shop’s address.');
const secretKey =
  process.env.STRIPE_SECRET_KEY || (await hiddenAnswer('Stripe secret key (sk_live_… or rk_live_…), hidden: '));
if (!/^(sk|rk)_(live|test)_/.test(secretKey)) fail('that is not a Stripe secret key.');

const listed = spawnSync('npx', ['wrangler', 'secret', 'list', '--format', 'json'], { encoding: 'utf8', env });
const newWorker = listed.status !== 0 && /Worker "[^"]+" not found/.test(listed.stderr);
if (listed.status !== 0 && !newWorker)
  fail(`could not list the Worker's secrets (run \`npx wrangler login\`):\n${listed.stderr}`);
const secretStored =
  !newWorker && (JSON.parse(listed.stdout) as { name: string }[]).some((secret) => secret.name === SECRET);

const api = webhookEndpointsApi({
  apiUrl: process.env.STRIPE_API_URL || 'https://api.stripe.com',
  secretKey,
  timeoutMs: 30_000,
  maxNetworkRetries: 2,
});
const url = `${publicUrl}/api/stripe/webhook`;
console.log(`▸ ${url}: ${WEBHOOK_EVENTS.length} events, API version ${STRIPE_API_VERSION}`);
const changes = await syncWebhookEndpoint(api, {
  url,
  events: WEBHOOK_EVENTS,
  apiVersion: STRIPE_API_VERSION,
  secretStored,
  storeSecret: async (secret) => {
    const put = spawnSync('npx', ['wrangler', 'secret', 'put', SECRET], {
      input: secret,
      stdio: ['pipe', 'inherit', 'inherit'],
      env,
    });
    if (put.status !== 0) fail(`wrangler secret put ${SECRET} failed; the new endpoint is at Stripe, run this again.`);
  },
}).catch((err: Error) => fail(`Stripe refused: ${err.message}`));
for (const change of changes) console.log(`✓ ${change}`);
