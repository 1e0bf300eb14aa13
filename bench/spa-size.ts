// `npm run bench:spa`: builds the SPA, prints the gzip size of its initial JS (the entry script and every
// chunk index.html preloads: what a first visit downloads before anything renders) beside the budget, and
// fails (exit 1) over budget. Lazily loaded chunks (the admin console) are listed but do not count.
// It also fails when the built SPA contains the name of a secret or a development secret value.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SECRET_NAMES } from '../src/config/schema.ts';

/** kB as Vite reports them (1000 bytes). */
export const BUDGET_BYTES = 25_000;
const OUT = 'dist/web';

export function build(): void {
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export interface SpaSize {
  initial: { file: string; gzip: number }[];
  lazy: { file: string; gzip: number }[];
  css: number;
  initialTotal: number;
}

/** Sizes of the built SPA: the JS index.html loads up front (script + modulepreload) and everything else. */
export function measure(dir = OUT): SpaSize {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const referenced = new Set([...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]!));
  const js = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const sized = (file: string) => ({ file, gzip: gzipSize(join(dir, file)) });
  const initial = js.filter((f) => referenced.has(f)).map(sized);
  if (initial.length === 0) throw new Error('no script found in index.html');
  const css = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.css'))
    .reduce((sum, f) => sum + gzipSize(join(dir, 'assets', f)), 0);
  return { initial, lazy: js.filter((f) => !referenced.has(f)).map(sized), css, initialTotal: initial.reduce((s, f) => s + f.gzip, 0) };
}

/** Secret names (from the config schema) and the development secret values (.dev.vars.example) found in the SPA. */
export function secretLeaks(dir = OUT): string[] {
  const devValues = readFileSync('.dev.vars.example', 'utf8')
    .split('\n')
    .map((line) => /^([A-Z_]+)=(.+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null && (SECRET_NAMES as string[]).includes(m[1]!) && m[2]!.length >= 8)
    .map((m) => ({ label: `the development value of ${m[1]}`, value: m[2]! }));
  const needles = [...SECRET_NAMES.map((name) => ({ label: name, value: name })), ...devValues];
  const files = (sub: string): string[] =>
    readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(sub, e.name)) : [join(sub, e.name)]));
  const leaks: string[] = [];
  for (const file of files('')) {
    const text = readFileSync(join(dir, file), 'latin1');
    for (const { label, value } of needles) if (text.includes(value)) leaks.push(`${file}: ${label}`);
  }
  return leaks;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

if (import.meta.main) {
  build();
  const size = measure();
  for (const f of size.initial) console.log(`  initial  ${f.file.padEnd(36)} ${kb(f.gzip)} gzip`);
  for (const f of size.lazy) console.log(`  lazy     ${f.file.padEnd(36)} ${kb(f.gzip)} gzip (not counted)`);
  console.log(`  css      ${''.padEnd(36)} ${kb(size.css)} gzip (not counted)`);
  const over = size.initialTotal > BUDGET_BYTES;
  console.log(`\nSPA initial JS: ${kb(size.initialTotal)} gzip — budget ${kb(BUDGET_BYTES)} — ${over ? 'OVER BUDGET' : 'ok'}`);
  const leaks = secretLeaks();
  if (leaks.length) console.error(`\nSecrets in the built SPA:\n  ${leaks.join('\n  ')}`);
  else console.log(`No secret name or development secret value in ${OUT}.`);
  if (over || leaks.length) process.exit(1);
}
