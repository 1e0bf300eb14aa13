// `npm run deploy`: check the vars (and Cloudflare's limits) and the secrets, build the SPA, make sure the account has
// the D1 database and the KV namespace, apply the D1 migrations and check that none is left, then upload the Worker.
// Run it again after a failure at any step and it finishes the job: resources are found by name (left to itself,
// wrangler 4.164 makes the unnamed KV namespace again on a retry and is refused with code 10014: workers-sdk #13242,
// #14284), the namespace's id is written into wrangler.toml (commit it), and a migration that failed or was declined
// (wrangler exits 0 when its prompt is answered "no") stops the deploy before the upload, so new code never meets an
// old schema. The checks only read from the account, so a missing secret stops it before anything is created.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'smol-toml';

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const toml = parse(readFileSync('wrangler.toml', 'utf8')) as {
  name: string;
  d1_databases?: { binding: string; database_name?: string }[];
  kv_namespaces?: { binding: string; id?: string }[];
};

function run(title: string, command: string, args: string[]): void {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed; nothing more was done. Run npm run deploy again once it is fixed.`);
    process.exit(result.status ?? 1);
  }
}

/** A read-only wrangler command's output; stops the deploy when it fails. */
function read(title: string, args: string[]): string {
  const result = spawnSync('npx', ['wrangler', ...args], { encoding: 'utf8', env });
  if (result.status !== 0) {
    console.error(`✗ could not ${title}:\n${result.stderr}`);
    process.exit(1);
  }
  return result.stdout;
}

/** The JSON array a wrangler list command prints (after any banner). */
const listed = <T>(output: string): T[] => JSON.parse(output.slice(output.indexOf('['))) as T[];

function ensureDatabase(): void {
  const name = toml.d1_databases?.[0]?.database_name;
  if (!name) return;
  const databases = listed<{ name: string }>(read("list the account's D1 databases", ['d1', 'list', '--json']));
  if (databases.some((db) => db.name === name)) console.log(`\n✓ D1 database ${name} is on the account`);
  else run(`creating the D1 database ${name}`, 'npx', ['wrangler', 'd1', 'create', name]);
}

/** Sets `id` in wrangler.toml's [[kv_namespaces]] block of `binding`, keeping every other line as it was. */
function writeNamespaceId(binding: string, id: string): void {
  const lines = readFileSync('wrangler.toml', 'utf8').split('\n');
  const start = lines.findIndex(
    (line, i) =>
      line.trim() === '[[kv_namespaces]]' && lines.slice(i + 1).findIndex((l) => l.includes(`"${binding}"`)) >= 0,
  );
  let end = lines.findIndex((line, i) => i > start && line.trim().startsWith('['));
  if (end < 0) end = lines.length;
  const block = lines.slice(start, end);
  const idLine = block.findIndex((line) => /^\s*id\s*=/.test(line));
  const bindingLine = block.findIndex((line) => /^\s*binding\s*=/.test(line));
  if (idLine >= 0) block[idLine] = `id = "${id}"`;
  else block.splice(bindingLine + 1, 0, `id = "${id}"`);
  writeFileSync('wrangler.toml', [...lines.slice(0, start), ...block, ...lines.slice(end)].join('\n'));
}

function ensureNamespaces(): void {
  for (const namespace of toml.kv_namespaces ?? []) {
    const all = () =>
      listed<{ id: string; title: string }>(read('list the KV namespaces', ['kv', 'namespace', 'list']));
    const existing = all();
    if (namespace.id && existing.some((ns) => ns.id === namespace.id)) {
      console.log(`\n✓ KV namespace ${namespace.id} (${namespace.binding}) is on the account`);
      continue;
    }
    // wrangler's own name for a namespace it provisions, so one it made on an earlier deploy is found too.
    const title = `${toml.name}-${namespace.binding.toLowerCase().replaceAll('_', '-')}`;
    if (!existing.some((ns) => ns.title === title))
      run(`creating the KV namespace ${title}`, 'npx', ['wrangler', 'kv', 'namespace', 'create', title]);
    const found = all().find((ns) => ns.title === title);
    if (!found) {
      console.error(`✗ the KV namespace ${title} is not on the account after creating it`);
      process.exit(1);
    }
    writeNamespaceId(namespace.binding, found.id);
    console.log(
      `✓ wrote the id of KV namespace ${title} into wrangler.toml ([[kv_namespaces]] ${namespace.binding}): commit it`,
    );
  }
}

/** Applies the migrations, then stops the deploy unless none is left (a failed or declined one leaves it). */
function migrate(): void {
  run('applying D1 migrations (remote)', 'npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote']);
  const left = read('list the migrations left', ['d1', 'migrations', 'list', 'DB', '--remote']);
  if (!/No migrations to apply/.test(left)) {
    console.error(
      `✗ D1 migrations are still to apply (declined, or stopped part way): the Worker was not uploaded, so it never runs on an old schema.\n${left}\nRun npm run deploy again to apply them.`,
    );
    process.exit(1);
  }
  console.log('✓ every D1 migration is applied');
}

run('checking wrangler.toml (vars, Cloudflare limits, your texts)', process.execPath, ['scripts/check-config.ts']);
run('checking secrets', process.execPath, ['scripts/secrets.ts', '--check']);
run('building the SPA', 'npx', ['vite', 'build']);
ensureDatabase();
ensureNamespaces();
migrate();
run('deploying the Worker', 'npx', ['wrangler', 'deploy']);
console.log('\n✓ deployed. Check it: curl -s https://YOUR-SHOP/api/healthz');
