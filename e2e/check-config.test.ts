// `npm run check` as a reseller runs it before deploying: a Stripe test-mode key is refused for a production shop,
// by name and without echoing the key, whether the secret comes from the environment or from .dev.vars (--dev).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const SCRIPT = resolve('scripts/check-config.ts');
const TEST_KEY = 'sk_test_51RealLookingButTestMode';

function check(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const secrets = ['PROXIES_SX_API_KEY', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'AUTH_SECRET', 'ENCRYPTION_KEY'];
  const env = { ...process.env };
  for (const name of secrets) delete env[name];
  const run = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...env, ...options.env },
    encoding: 'utf8',
  });
  return { status: run.status, out: run.stdout + run.stderr };
}

test('a test-mode STRIPE_SECRET_KEY in the environment fails the production check by name', () => {
  const refused = check([], { env: { STRIPE_SECRET_KEY: TEST_KEY } });
  assert.equal(refused.status, 1);
  assert.match(refused.out, /STRIPE_SECRET_KEY: is a Stripe test-mode key/);
  assert.doesNotMatch(refused.out, new RegExp(TEST_KEY));
  const live = check([], { env: { STRIPE_SECRET_KEY: 'sk_live_51LiveKey' } });
  assert.equal(live.status, 0, live.out);
});

test('--dev names a test-mode key when .dev.vars sets SHOP_ENV=production', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
  try {
    copyFileSync('wrangler.toml', join(dir, 'wrangler.toml'));
    writeFileSync(
      join(dir, '.dev.vars'),
      [
        'SHOP_ENV=production',
        'PROXIES_SX_API_KEY=psx_reseller_production_key',
        `STRIPE_SECRET_KEY=${TEST_KEY}`,
        'STRIPE_WEBHOOK_SECRET=whsec_production_endpoint_secret',
        'AUTH_SECRET=production-auth-secret-at-least-32-characters-long',
        'ENCRYPTION_KEY=cHJvZHVjdGlvbi1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=',
      ].join('\n'),
    );
    const refused = check(['--dev'], { cwd: dir });
    assert.equal(refused.status, 1);
    assert.match(refused.out, /✗ local config[\s\S]*STRIPE_SECRET_KEY: is a Stripe test-mode key/);
    assert.doesNotMatch(refused.out, /AUTH_SECRET:|ENCRYPTION_KEY:|PROXIES_SX_API_KEY:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
