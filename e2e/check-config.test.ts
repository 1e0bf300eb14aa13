// `npm run check` as a reseller runs it before deploying: the template's placeholder addresses, a var over
// Cloudflare's 5 KB, a cron or queue setting Cloudflare refuses and a bad text in content/ are each named before
// any upload; a Stripe test-mode key is refused for a production shop, by name and without echoing the key, whether
// the secret comes from the environment or from .dev.vars (--dev).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** wrangler.toml as a reseller fills it in: their own address, sender and support address for example.com's. */
const configured = (toml = readFileSync('wrangler.toml', 'utf8')) =>
  toml.replaceAll('shop.example.com', 'shop.acme-proxies.com').replaceAll('@example.com', '@acme-proxies.com');

/** Runs the check in a copy of the project's config: `toml` as wrangler.toml, `files` beside it. */
function checkIn(toml: string, files: Record<string, string> = {}, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
  try {
    writeFileSync(join(dir, 'wrangler.toml'), toml);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return check(args, { cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the template's placeholder addresses are each named, and the filled-in config passes", () => {
  const template = check([]);
  assert.equal(template.status, 1);
  assert.match(template.out, /PUBLIC_URL: "shop\.example\.com" is a placeholder/);
  assert.match(template.out, /MAIL_FROM: sends from "example\.com", a placeholder domain/);
  assert.match(template.out, /BRAND → supportEmail: is on "example\.com", a placeholder domain/);
  const filled = checkIn(configured());
  assert.equal(filled.status, 0, filled.out);
  assert.match(filled.out, /acme-proxies\.com onboarded as a sending domain/);
  // npm run dev and CI check the local config: the template's placeholders are listed for later, not fatal.
  const dev = check(['--dev']);
  assert.equal(dev.status, 0, dev.out);
  assert.match(dev.out, /to fix before deploying[\s\S]*PUBLIC_URL/);
});

test("a var over Cloudflare's 5 KB, a cron and a queue setting Cloudflare refuses are named before any upload", () => {
  const bigBrand = `BRAND = '''${JSON.stringify({
    name: 'Acme Mobile Proxies',
    tagline: 'x'.repeat(150),
    supportEmail: 'support@acme-proxies.com',
    primaryColor: '#4f46e5',
    accentColor: '#10b981',
    legal: { companyName: 'Acme Proxies Ltd', termsUrl: '/terms', privacyUrl: '/privacy' },
    landing: { faq: Array.from({ length: 20 }, (_, i) => ({ question: `Question ${i}?`, answer: 'y'.repeat(330) })) },
  })}'''`;
  const toml = configured()
    .replace(/^BRAND = '''[\s\S]*?'''$/m, bigBrand)
    .replace('crons = ["*/5 * * * *"]', 'crons = ["0 22 * * 0"]')
    .replace('max_batch_timeout = 5', 'max_batch_timeout = 300');
  const refused = checkIn(toml);
  assert.equal(refused.status, 1);
  assert.match(refused.out, /BRAND: is 7,\d{3} bytes; Cloudflare allows at most 5 KB \(5,000 bytes\) per var/);
  assert.match(refused.out, /triggers\.crons\[0\]: "0 22 \* \* 0": the day of week "0" is not one Cloudflare accepts/);
  assert.match(refused.out, /queues\.consumers\[1\] → max_batch_timeout: must be a whole number from 0 to 60/);
});

test('the texts in content/ are checked, per language too, and a file the shop does not show is named', () => {
  const ok = checkIn(configured(), {
    'content/legal/terms.md': '# Terms\n\nOur own terms of service.',
    'content/de/legal/terms.md': '# Bedingungen\n\nUnsere eigenen Bedingungen.',
    'content/de/shop.json': '{"tiers": {"pro": {"tagline": "Für tägliches Scraping"}}}',
  });
  assert.equal(ok.status, 0, ok.out);
  assert.match(ok.out, /content\/: de\/legal\/terms\.md, de\/shop\.json, legal\/terms\.md/);
  const refused = checkIn(configured(), {
    'content/legal/term.md': '# Terms',
    'content/legal/privacy.md': 'Short.',
    'content/de/shop.json': '{"tiers": {"gold": {"name": "Gold"}}}',
    'content/xx/shop.json': '{}',
  });
  assert.equal(refused.status, 1);
  assert.match(refused.out, /content\/legal\/privacy\.md: must be the document text/);
  assert.match(refused.out, /content\/legal\/term\.md: is not a text the shop shows/);
  assert.match(refused.out, /content\/de\/shop\.json: tiers\.gold: is not a tier id in PRICING/);
  assert.match(refused.out, /content\/xx\/shop\.json: is not a text the shop shows/);
});

test('a test-mode STRIPE_SECRET_KEY in the environment fails the production check by name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
  try {
    writeFileSync(join(dir, 'wrangler.toml'), configured());
    const refused = check([], { cwd: dir, env: { STRIPE_SECRET_KEY: TEST_KEY } });
    assert.equal(refused.status, 1);
    assert.match(refused.out, /STRIPE_SECRET_KEY: is a Stripe test-mode key/);
    assert.doesNotMatch(refused.out, new RegExp(TEST_KEY));
    const live = check([], { cwd: dir, env: { STRIPE_SECRET_KEY: 'sk_live_51LiveKey' } });
    assert.equal(live.status, 0, live.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
