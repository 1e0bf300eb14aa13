// Which built files a page loads, from the manifests Vite writes for the SPA's two bundles in each locale's build: the
// Worker links them into each page it renders, vite.config.ts builds from the same table, and `npm run bench:spa`
// weighs each route.
import { type Locale, SHIPPED_LOCALES } from '../shared/i18n/locales.ts';

/** One chunk of a manifest, keyed by its source path relative to web/ (or `_name-hash.js` for a shared chunk). */
export interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

export type ViteManifest = Record<string, ManifestChunk>;

/** The SPA's two bundles, which share nothing: the public pages' islands, and the signed-in app. Each is built once
 * per locale, with that locale's words inline (src/shared/i18n/compile.ts). */
export const SPA_BUNDLES = {
  islands: { entry: 'src/islands.tsx' },
  app: { entry: 'src/main.tsx' },
} as const;

export type SpaBundle = keyof typeof SPA_BUNDLES;

/** Where a locale's build of a bundle writes its manifest (beside the others, read by the Worker only). */
export function manifestPath(bundle: SpaBundle, locale: Locale): string {
  return `.vite/${bundle}.${locale}.json`;
}

/** Where a locale's build puts its files: `assets/de/app-….js`. */
export const assetsDir = (locale: Locale) => `assets/${locale}`;

/** Every manifest the build writes. */
export const MANIFEST_PATHS: string[] = SHIPPED_LOCALES.flatMap((locale) =>
  (Object.keys(SPA_BUNDLES) as SpaBundle[]).map((bundle) => manifestPath(bundle, locale)),
);

/**
 * Where the build puts the reseller's own texts (content/ in the repo, e.g. content/legal/terms.md): beside the
 * manifests, which only the Worker reads (wrangler.toml runs the Worker first for /.vite/*).
 */
export const CONTENT_DIR = '.vite/content';

/** Pages, panels and the landing page's countries island that are chunks of their own, by their manifest keys. */
export const LAZY_PAGES = {
  countries: 'src/components/LiveCountries.tsx',
  signIn: 'src/pages/SignIn.tsx',
  checkout: 'src/pages/Checkout.tsx',
  verify: 'src/pages/Verify.tsx',
  /** The dashboard's API page (tokens and examples). */
  api: 'src/dashboard/ApiPage.tsx',
  /** /admin's gate: the console for operators, a 403 page for anyone else. */
  adminGate: 'src/pages/AdminGate.tsx',
  /** The console's frame and its overview (which the Worker renders for an operator opening /admin). */
  console: 'src/admin/AdminApp.tsx',
  /** The console's other pages, fetched as soon as the console starts. */
  consolePages: 'src/admin/Sections.tsx',
  /** A customer's page in the console, fetched by the console when an operator opens one. */
  customer: 'src/admin/CustomerDetail.tsx',
  /** The dashboard's traffic per day, fetched when the key is shown (its charts are a chunk the console shares). */
  traffic: 'src/dashboard/Traffic.tsx',
  /** The dashboard's "Never run dry" settings and its help, below the fold. */
  refill: 'src/dashboard/RefillSettings.tsx',
  help: 'src/dashboard/HelpPanel.tsx',
} as const;

export type LazyPage = keyof typeof LAZY_PAGES;

export interface PageFiles {
  /** The entry's module script. */
  script: string;
  /** Every other module the page needs at once (module preloads), in import order. */
  preloads: string[];
  /** The stylesheets of the entry and those modules. */
  styles: string[];
}

function chunk(manifest: ViteManifest, key: string): ManifestChunk {
  const found = manifest[key];
  if (!found) throw new Error(`the SPA's manifests have no ${key}: is dist/web from this version? (npm run build)`);
  return found;
}

/** The chunks of these manifest keys and of everything they import statically, each once, in import order. */
export function chunksOf(manifest: ViteManifest, keys: string[]): ManifestChunk[] {
  const seen = new Set<string>();
  const out: ManifestChunk[] = [];
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const found = chunk(manifest, key);
    out.push(found);
    for (const imported of found.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return out;
}

/** What a page of `bundle` loads at once (with the lazy page it shows, if any): script, preloads, stylesheets. */
export function pageFiles(manifest: ViteManifest, bundle: SpaBundle, lazy?: LazyPage): PageFiles {
  const keys = [SPA_BUNDLES[bundle].entry, ...(lazy ? [LAZY_PAGES[lazy]] : [])];
  const [entry, ...rest] = chunksOf(manifest, keys);
  if (!entry) throw new Error(`no chunk for ${bundle}`);
  return {
    script: `/${entry.file}`,
    preloads: rest.map((c) => `/${c.file}`),
    styles: [entry, ...rest].flatMap((c) => c.css ?? []).map((file) => `/${file}`),
  };
}
