// `npm run bench:spa` (after `vite build`): each route's JavaScript, gzipped, beside its budget (devkit/spa-size.ts),
// written into the README's `bench:spa` region; fails over a budget, or when the built SPA holds a secret's name or
// a development secret value.

import { markdownTable } from '../devkit/markdown.ts';
import { writeReadmeRegion } from '../devkit/readme.ts';
import { SPA_OUT } from '../devkit/spa-build.ts';
import { secretLeaks } from '../devkit/spa-secrets.ts';
import { kib, measureRoutes, type RouteWeight } from '../devkit/spa-size.ts';

/** The README's table of the routes: what each loads, its weight and its budget. */
export function spaTable(routes: RouteWeight[]): string {
  return markdownTable(
    ['route', 'loads', 'measured (gzip)', 'budget (gzip)', ''],
    routes.map((r) => [
      r.route,
      r.loads,
      kib(r.gzipBytes),
      kib(r.budgetBytes),
      r.gzipBytes <= r.budgetBytes ? '✓' : '✗',
    ]),
  );
}

if (import.meta.main) {
  const routes = measureRoutes(SPA_OUT);
  console.log('SPA JavaScript per route (gzip):');
  for (const r of routes)
    console.log(
      `  ${r.gzipBytes <= r.budgetBytes ? '✓' : '✗'} ${r.route}: ${kib(r.gzipBytes)} (${r.gzipBytes} B, ${r.locale}) of ${kib(r.budgetBytes)} — ${r.files.join(', ')}`,
    );
  const leaks = secretLeaks(SPA_OUT);
  if (leaks.length) console.error(`Secrets in the built SPA:\n  ${leaks.join('\n  ')}`);
  else console.log(`No secret name or development secret value in ${SPA_OUT}.`);
  writeReadmeRegion('bench:spa', spaTable(routes));
  process.exitCode = routes.every((r) => r.gzipBytes <= r.budgetBytes) && leaks.length === 0 ? 0 : 1;
}
