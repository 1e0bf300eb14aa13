// The SPA's JavaScript per route: what a page loads at once (its bundle's entry, the modules it imports and the lazy
// page it shows, all preloaded by the Worker's HTML), gzipped, against each route's budget. `npm run bench:spa` builds,
// prints them and fails over a budget; it also fails when the built SPA contains the name of a secret or a
// development secret value.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SECRET_NAMES } from '../src/config/schema.ts';
import {
  chunksOf,
  LAZY_PAGES,
  type LazyPage,
  pageFiles,
  SPA_BUNDLES,
  type SpaBundle,
  type ViteManifest,
} from '../src/site/manifest.ts';

const OUT = 'dist/web';
const KIB = 1024;

export interface RouteBudget {
  route: string;
  bundle: SpaBundle;
  lazy?: LazyPage;
  /** Count only what the route adds to what is loaded before it: its bundle's entry (`'entry'`), or the entry and
   * that lazy page (a lazy chunk's own weight). */
  beyond?: 'entry' | LazyPage;
  budgetBytes: number;
}

export const ROUTE_BUDGETS: RouteBudget[] = [
  { route: 'landing (and legal, not found)', bundle: 'islands', budgetBytes: 12 * KIB },
  { route: 'sign-in', bundle: 'islands', lazy: 'signIn', budgetBytes: 13 * KIB },
  { route: 'dashboard', bundle: 'app', budgetBytes: 24 * KIB },
  { route: 'dashboard, API page (its chunk)', bundle: 'app', lazy: 'api', beyond: 'entry', budgetBytes: 4 * KIB },
  {
    route: 'dashboard, traffic chart (its chunks)',
    bundle: 'app',
    lazy: 'traffic',
    beyond: 'entry',
    budgetBytes: 3 * KIB,
  },
  {
    route: 'dashboard, “Never run dry” settings (its chunk)',
    bundle: 'app',
    lazy: 'refill',
    beyond: 'entry',
    budgetBytes: 3 * KIB,
  },
  { route: 'dashboard, help (its chunk)', bundle: 'app', lazy: 'help', beyond: 'entry', budgetBytes: 2 * KIB },
  { route: 'console (its chunk)', bundle: 'app', lazy: 'console', beyond: 'entry', budgetBytes: 8 * KIB },
  {
    route: 'console, a customer’s page (its chunk)',
    bundle: 'app',
    lazy: 'customer',
    beyond: 'console',
    budgetBytes: 8 * KIB,
  },
];

/** `vite build` into dist/web. */
export function buildSpa(): void {
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

export function readManifests(distDir: string): ViteManifest {
  return Object.assign(
    {},
    ...Object.values(SPA_BUNDLES).map(
      (b) => JSON.parse(readFileSync(join(distDir, b.manifest), 'utf8')) as ViteManifest,
    ),
  );
}

export interface RouteWeight extends RouteBudget {
  files: string[];
  gzipBytes: number;
}

export function measureRoutes(distDir: string): RouteWeight[] {
  const manifest = readManifests(distDir);
  const gzip = (file: string) => gzipSync(readFileSync(join(distDir, file))).length;
  return ROUTE_BUDGETS.map((budget) => {
    const { script, preloads } = pageFiles(manifest, budget.bundle, budget.lazy);
    let files = [script, ...preloads];
    if (budget.beyond) {
      const before = [
        SPA_BUNDLES[budget.bundle].entry,
        ...(budget.beyond === 'entry' ? [] : [LAZY_PAGES[budget.beyond]]),
      ];
      const loaded = new Set(chunksOf(manifest, before).map((c) => `/${c.file}`));
      files = files.filter((f) => !loaded.has(f));
    }
    return { ...budget, files, gzipBytes: files.reduce((sum, f) => sum + gzip(f), 0) };
  });
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

export const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;

if (import.meta.main) {
  const routes = measureRoutes(OUT);
  console.log('SPA JavaScript per route (gzip):');
  for (const r of routes)
    console.log(
      `  ${r.gzipBytes <= r.budgetBytes ? '✓' : '✗'} ${r.route}: ${kib(r.gzipBytes)} (${r.gzipBytes} B) of ${kib(r.budgetBytes)} — ${r.files.join(', ')}`,
    );
  const leaks = secretLeaks(OUT);
  if (leaks.length) console.error(`Secrets in the built SPA:\n  ${leaks.join('\n  ')}`);
  else console.log(`No secret name or development secret value in ${OUT}.`);
  process.exitCode = routes.every((r) => r.gzipBytes <= r.budgetBytes) && leaks.length === 0 ? 0 : 1;
}
