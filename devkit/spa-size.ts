// The SPA's JavaScript per route: what a page loads at once (its bundle's entry, the modules it imports and the lazy
// page it shows, all preloaded by the Worker's HTML), gzipped, against each route's budget. Read by `npm run bench`,
// `npm run bench:spa` and the browser tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Locale, SHIPPED_LOCALES } from '../src/shared/i18n/locales.ts';
import {
  chunksOf,
  LAZY_PAGES,
  type LazyPage,
  manifestPath,
  pageFiles,
  SPA_BUNDLES,
  type SpaBundle,
  type ViteManifest,
} from '../src/site/manifest.ts';

const KIB = 1024;

export interface RouteBudget {
  route: string;
  /** What the route's figure counts, in words (the README's table says it). */
  loads: string;
  bundle: SpaBundle;
  lazy?: LazyPage;
  /** Count only what the route adds to what is loaded before it: its bundle's entry (`'entry'`), or the entry and
   * that lazy page (a lazy chunk's own weight). */
  beyond?: 'entry' | LazyPage;
  budgetBytes: number;
}

export const ROUTE_BUDGETS: RouteBudget[] = [
  {
    route: 'landing',
    loads: 'the islands bundle and the live countries',
    bundle: 'islands',
    lazy: 'countries',
    budgetBytes: 12 * KIB,
  },
  {
    route: 'sign-in',
    loads: 'the islands bundle and the sign-in form',
    bundle: 'islands',
    lazy: 'signIn',
    budgetBytes: 13 * KIB,
  },
  {
    route: 'dashboard',
    loads: 'the app bundle (everything the dashboard needs)',
    bundle: 'app',
    budgetBytes: 24 * KIB,
  },
  {
    route: 'dashboard, API page (its chunk)',
    loads: 'its own chunk, on top of the app',
    bundle: 'app',
    lazy: 'api',
    beyond: 'entry',
    budgetBytes: 4 * KIB,
  },
  {
    route: 'dashboard, traffic chart (its chunks)',
    loads: 'its own chunk and the charts (shared with the console), on top of the app',
    bundle: 'app',
    lazy: 'traffic',
    beyond: 'entry',
    budgetBytes: 3 * KIB,
  },
  {
    route: 'dashboard, “Never run dry” settings (its chunk)',
    loads: 'its own chunk, on top of the app',
    bundle: 'app',
    lazy: 'refill',
    beyond: 'entry',
    budgetBytes: 3 * KIB,
  },
  {
    route: 'dashboard, help (its chunk)',
    loads: 'its own chunk, on top of the app',
    bundle: 'app',
    lazy: 'help',
    beyond: 'entry',
    budgetBytes: 2 * KIB,
  },
  {
    route: 'console’s gate (its chunk)',
    loads: 'its own chunk, on top of the app: the console for operators, a 403 page for anyone else',
    bundle: 'app',
    lazy: 'adminGate',
    beyond: 'entry',
    budgetBytes: 1 * KIB,
  },
  {
    route: 'console (its chunk)',
    loads: 'its own chunk, on top of the app',
    bundle: 'app',
    lazy: 'console',
    beyond: 'entry',
    budgetBytes: 8 * KIB,
  },
  {
    route: 'console, its other pages (their chunk)',
    loads: 'customers, audit log and pricing, fetched as the console starts, on top of it',
    bundle: 'app',
    lazy: 'consolePages',
    beyond: 'console',
    budgetBytes: 4 * KIB,
  },
  {
    route: 'console, a customer’s page (its chunk)',
    loads: 'its own chunk, on top of the console and its other pages',
    bundle: 'app',
    lazy: 'customer',
    beyond: 'consolePages',
    budgetBytes: 8 * KIB,
  },
];

/** Both bundles' manifests of one locale's build. */
export function readManifests(distDir: string, locale: Locale): ViteManifest {
  return Object.assign(
    {},
    ...(Object.keys(SPA_BUNDLES) as SpaBundle[]).map(
      (bundle) => JSON.parse(readFileSync(join(distDir, manifestPath(bundle, locale)), 'utf8')) as ViteManifest,
    ),
  );
}

export interface RouteWeight extends RouteBudget {
  /** The language whose build is the heaviest on this route (each page ships its own language's words). */
  locale: Locale;
  files: string[];
  gzipBytes: number;
}

/** Each route's weight in its heaviest language. */
export function measureRoutes(distDir: string): RouteWeight[] {
  const byLocale = SHIPPED_LOCALES.map((locale) => measureLocale(distDir, locale));
  return ROUTE_BUDGETS.map((_, i) =>
    byLocale.map((routes) => routes[i] as RouteWeight).reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a)),
  );
}

function measureLocale(distDir: string, locale: Locale): RouteWeight[] {
  const manifest = readManifests(distDir, locale);
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
    return { ...budget, locale, files, gzipBytes: files.reduce((sum, f) => sum + gzip(f), 0) };
  });
}

export const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;
