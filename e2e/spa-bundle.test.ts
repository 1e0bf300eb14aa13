// The built SPA: within its size budget, and free of secrets (no secret name, no development secret value).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { buildSpa, measureSpa, SPA_BUDGET_BYTES, secretLeaks } from '../bench/spa-size.ts';

before(() => buildSpa());

test('the initial JS of the SPA is within the gzip budget', () => {
  const { initialGzip } = measureSpa('dist/web');
  assert.ok(initialGzip <= SPA_BUDGET_BYTES, `initial JS is ${initialGzip} bytes gzip, budget ${SPA_BUDGET_BYTES}`);
});

test('no secret name or development secret value is in the built SPA', () => {
  assert.deepEqual(secretLeaks(), []);
});

test('the leak check does find a secret planted in a copy of the build', () => {
  const copy = mkdtempSync(join(tmpdir(), 'spa-leak-'));
  try {
    cpSync('dist/web', copy, { recursive: true });
    writeFileSync(join(copy, 'assets', 'planted.js'), 'const k = "sk_test_sim_local"; const n = "AUTH_SECRET";');
    assert.deepEqual(secretLeaks(copy).sort(), [
      'assets/planted.js: AUTH_SECRET',
      'assets/planted.js: the development value of STRIPE_SECRET_KEY',
    ]);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
