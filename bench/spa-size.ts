// The SPA's initial JS: the module scripts and modulepreloads index.html loads, gzipped (lazy chunks excluded).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const SPA_BUDGET_BYTES = 25 * 1024;

export function measureSpa(distDir: string): { files: string[]; initialGzip: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  const initialGzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0);
  return { files, initialGzip };
}

if (import.meta.main) {
  const { files, initialGzip } = measureSpa('dist/web');
  console.log(`SPA initial JS: ${(initialGzip / 1024).toFixed(1)} KiB gzip (budget ${SPA_BUDGET_BYTES / 1024} KiB) — ${files.join(', ')}`);
  process.exitCode = initialGzip <= SPA_BUDGET_BYTES ? 0 : 1;
}
