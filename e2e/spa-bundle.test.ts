// The built SPA: every route within its size budget, and free of secrets (no secret name, no development secret value).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { buildSpa, SPA_OUT } from '../devkit/spa-build.ts';
import { secretLeaks } from '../devkit/spa-secrets.ts';
import { kib, measureRoutes } from '../devkit/spa-size.ts';

before(() => buildSpa());

test('each route’s JavaScript is within its gzip budget', () => {
  for (const route of measureRoutes(SPA_OUT))
    assert.ok(
      route.gzipBytes <= route.budgetBytes,
      `${route.route}: ${kib(route.gzipBytes)} gzip, budget ${kib(route.budgetBytes)} (${route.files.join(', ')})`,
    );
});

test('no secret name or development secret value is in the built SPA', () => {
  assert.deepEqual(secretLeaks(), []);
});

test('the leak check does find a secret planted in a copy of the build', () => {
  const copy = mkdtempSync(join(tmpdir(), 'spa-leak-'));
  try {
    cpSync(SPA_OUT, copy, { recursive: true });
    writeFileSync(join(copy, 'assets', 'planted.js'), 'const k = "sk_test_sim_local"; const n = "AUTH_SECRET";');
    assert.deepEqual(secretLeaks(copy).sort(), [
      'assets/planted.js: AUTH_SECRET',
      'assets/planted.js: the development value of STRIPE_SECRET_KEY',
    ]);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
