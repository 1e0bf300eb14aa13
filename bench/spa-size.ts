// The SPA's initial JS: the module scripts and modulepreloads index.html loads, gzipped (lazy chunks, such as the
// admin console, excluded). `npm run bench:spa` builds, prints it beside the budget and fails over budget; it also
// fails when the built SPA contains the name of a secret or a development secret value.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SECRET_NAMES } from '../src/config/schema.ts';

export const SPA_BUDGET_BYTES = 25 * 1024;
const OUT = 'dist/web';

/** `vite build` into dist/web. */
export function buildSpa(): void {
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

export function measureSpa(distDir: string): { files: string[]; initialGzip: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const initialGzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0);
  return { files, initialGzip };
}

/** Secret names (from the config schema) and development secret values (.dev.vars.example) found in the built SPA. */
export function secretLeaks(distDir = OUT): string[] {
  const devValues = readFileSync('.dev.vars.example', 'utf8')
    .split('\n')
    .map((line) => /^([A-Z_]+)=(.+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null && (SECRET_NAMES as string[]).includes(m[1]!) && m[2]!.length >= 8)
    .map((m) => ({ label: `the development value of ${m[1]}`, value: m[2]! }));
  const needles = [...SECRET_NAMES.map((name) => ({ label: name, value: name })), ...devValues];
  const files = (sub: string): string[] =>
    readdirSync(join(distDir, sub), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(sub, e.name)) : [join(sub, e.name)],
    );
  const leaks: string[] = [];
  for (const file of files('')) {
    const text = readFileSync(join(distDir, file), 'latin1');
    for (const { label, value } of needles) if (text.includes(value)) leaks.push(`${file}: ${label}`);
  }
  return leaks;
}

if (import.meta.main) {
  const { files, initialGzip } = measureSpa(OUT);
  console.log(
    `SPA initial JS: ${(initialGzip / 1024).toFixed(1)} KiB gzip (budget ${SPA_BUDGET_BYTES / 1024} KiB) — ${files.join(', ')}`,
  );
  const leaks = secretLeaks(OUT);
  if (leaks.length) console.error(`Secrets in the built SPA:\n  ${leaks.join('\n  ')}`);
  else console.log(`No secret name or development secret value in ${OUT}.`);
  process.exitCode = initialGzip <= SPA_BUDGET_BYTES && leaks.length === 0 ? 0 : 1;
}
