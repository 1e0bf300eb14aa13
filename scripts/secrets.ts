// `npm run secrets`: shows which secrets the deployed Worker has and sets each missing one with
// `wrangler secret put`. Each value is typed at a hidden prompt (or piped in, one per line), checked like the
// shop's config checks it — a development placeholder or a malformed key is refused before it reaches the
// account — and handed to wrangler on stdin, so it never lands in your shell history.
// `npm run secrets -- --check` only lists them and exits 1 when a required one is missing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parse } from 'smol-toml';
import { SECRET_NAMES } from '../src/config/schema.ts';
import { requiredSecrets, SECRET_HELP, secretValueProblem } from './secrets-guide.ts';

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const listed = spawnSync('npx', ['wrangler', 'secret', 'list', '--format', 'json'], { encoding: 'utf8', env });
// A Worker that was never deployed has no secrets yet: wrangler says it is "not found".
const newWorker = listed.status !== 0 && /Worker "[^"]+" not found/.test(listed.stderr);
if (listed.status !== 0 && !newWorker) {
  console.error(`✗ could not list secrets (are you logged in? run \`npx wrangler login\`):\n${listed.stderr}`);
  process.exit(1);
}
const present = new Set(newWorker ? [] : (JSON.parse(listed.stdout) as { name: string }[]).map((s) => s.name));
const vars = (parse(readFileSync('wrangler.toml', 'utf8')) as { vars?: Record<string, unknown> }).vars ?? {};
const required = new Set(requiredSecrets(vars));
const missing = SECRET_NAMES.filter((name) => required.has(name) && !present.has(name));
if (newWorker) console.log('· the Worker is not on this account yet, so none of its secrets is set');

for (const name of SECRET_NAMES)
  console.log(`${present.has(name) ? '✓' : required.has(name) ? '✗' : '·'} ${name.padEnd(24)} ${SECRET_HELP[name]}`);

if (process.argv.includes('--check')) {
  if (missing.length) console.error(`\n✗ missing: ${missing.join(', ')}. Set them with \`npm run secrets\`.`);
  process.exit(missing.length ? 1 : 0);
}

// One reader for every answer; on a terminal, what is typed is not echoed.
const hidden = process.stdin.isTTY;
const answers = createInterface({
  input: process.stdin,
  output: hidden ? new Writable({ write: (_chunk, _encoding, done) => done() }) : undefined,
  terminal: hidden,
})[Symbol.asyncIterator]();

for (const name of missing) {
  console.log(`\n▸ ${name}: ${SECRET_HELP[name]}`);
  for (;;) {
    process.stdout.write('  value (hidden): ');
    const answer = await answers.next();
    process.stdout.write('\n');
    if (answer.done) {
      console.error(`✗ no value given for ${name}; nothing more was set.`);
      process.exit(1);
    }
    const problem = secretValueProblem(name, answer.value);
    if (!problem) {
      const put = spawnSync('npx', ['wrangler', 'secret', 'put', name], {
        input: answer.value,
        stdio: ['pipe', 'inherit', 'inherit'],
        env,
      });
      if (put.status !== 0) process.exit(put.status ?? 1);
      break;
    }
    console.error(`✗ ${name} ${problem}: not set.`);
    if (!hidden) process.exit(1);
  }
}
console.log(missing.length ? '\n✓ all required secrets are set' : '\n✓ nothing missing');
process.exit(0);
