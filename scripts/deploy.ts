// `npm run deploy`: validate config and secrets, build the SPA, apply D1 migrations remotely, deploy.
// On the very first deploy wrangler provisions D1/KV/Queues itself; migrations then run right after it.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

function run(title: string, command: string, args: string[], { allowFailure = false } = {}): boolean {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0 && !allowFailure) {
    console.error(`✗ ${title} failed; nothing more was done.`);
    process.exit(result.status ?? 1);
  }
  return result.status === 0;
}

run('checking wrangler.toml vars', process.execPath, ['scripts/check-config.ts']);
run('checking secrets', process.execPath, ['scripts/secrets.ts', '--check']);
run('building the SPA', 'npx', ['vite', 'build']);
const migrated = run(
  'applying D1 migrations (remote)',
  'npx',
  ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote'],
  { allowFailure: true },
);
run('deploying the Worker', 'npx', ['wrangler', 'deploy']);
if (!migrated)
  run('applying D1 migrations to the newly provisioned database', 'npx', [
    'wrangler',
    'd1',
    'migrations',
    'apply',
    'DB',
    '--remote',
  ]);
console.log('\n✓ deployed. Check it: curl -s https://YOUR-SHOP/api/healthz');
