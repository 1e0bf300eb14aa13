// `npm run deploy`: validate config and secrets, build the SPA, apply D1 migrations remotely, deploy.
// The checks only read from the account, so missing secrets stop the deploy before anything is created. On the very
// first deploy wrangler provisions D1, KV and both queues itself, and the migrations run right after it; on later
// deploys they run first, so new code never meets an old schema.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const toml = parse(readFileSync('wrangler.toml', 'utf8')) as { d1_databases?: { database_name?: string }[] };
const databaseName = toml.d1_databases?.[0]?.database_name;

function run(title: string, command: string, args: string[]): void {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed; nothing more was done.`);
    process.exit(result.status ?? 1);
  }
}

/** Whether the account already has the shop's D1 database (it does not before the first deploy). */
function databaseExists(): boolean {
  const listed = spawnSync('npx', ['wrangler', 'd1', 'list', '--json'], { encoding: 'utf8', env });
  try {
    if (listed.status !== 0) throw new Error(listed.stderr);
    return (JSON.parse(listed.stdout) as { name: string }[]).some((db) => db.name === databaseName);
  } catch (err) {
    console.error(`✗ could not list the account's D1 databases:\n${(err as Error).message}`);
    process.exit(1);
  }
}

const migrate = ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote'];

run('checking wrangler.toml vars', process.execPath, ['scripts/check-config.ts']);
run('checking secrets', process.execPath, ['scripts/secrets.ts', '--check']);
run('building the SPA', 'npx', ['vite', 'build']);
const firstDeploy = !databaseExists();
if (!firstDeploy) run('applying D1 migrations (remote)', 'npx', migrate);
run('deploying the Worker', 'npx', ['wrangler', 'deploy']);
if (firstDeploy) run('applying D1 migrations to the database the deploy created', 'npx', migrate);
console.log('\n✓ deployed. Check it: curl -s https://YOUR-SHOP/api/healthz');
