// Builds the SPA (web/) into dist/web, which wrangler serves as the Worker's static assets, as two bundles that share
// nothing: the public pages' islands (the landing page loads only them) and the signed-in app (the console a chunk of
// its own), each once per locale with that locale's words inline (assets/<locale>/…). The Worker writes every page's
// HTML: it reads the manifests of the page's locale to link its script and module preloads, and inlines its
// stylesheet (src/site/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type EnvironmentOptions, type Plugin } from 'vite';
import { CONTENT_ROOT, contentFiles } from './scripts/shop-content.ts';
import { catalogPath } from './src/i18n/catalogs.ts';
import { CATALOGS } from './src/shared/i18n/catalogs/index.ts';
import { inlineMessages } from './src/shared/i18n/compile.ts';
import { type Locale, SHIPPED_LOCALES } from './src/shared/i18n/locales.ts';
import { assetHeadersFile } from './src/site/headers.ts';
import { assetsDir, CONTENT_DIR, manifestPath, SPA_BUNDLES, type SpaBundle } from './src/site/manifest.ts';

const web = (path: string) => fileURLToPath(new URL(`web/${path}`, import.meta.url));
/** `vite build --watch` (npm run dev) rebuilds one bundle at a time: emptying the folder would delete the other's. */
const watching = process.argv.includes('--watch') || process.argv.includes('-w');

/** Code a browser never runs here, replaced by what it does in this app. */
function browserOnly(): Plugin {
  const cookie = '\0browser-cookie';
  return {
    name: 'browser-only',
    enforce: 'pre',
    resolveId(source, importer) {
      // hono/client serialises a `cookie` argument into a Cookie header, which browsers refuse to send from fetch.
      if (source === '../utils/cookie.js' && importer?.includes('/hono/dist/client/')) return cookie;
    },
    load(id) {
      if (id === cookie)
        return 'export const serialize = () => { throw new Error("browsers send their own cookies"); };';
      // Vite's preloading of a lazy chunk's dependencies: the Worker's HTML preloads what a page needs, and no lazy
      // chunk has a stylesheet of its own (checked below), so loading the chunk is all there is to do.
      if (id === '\0vite/preload-helper.js') return 'export const __vitePreload = (load) => load();';
    },
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle))
        if (file.type === 'chunk' && !file.isEntry && file.viteMetadata?.importedCss.size)
          this.error(`${file.fileName} has a stylesheet of its own (lazy chunks cannot): import it from the entry`);
    },
  };
}

/** Vite lists a lazy chunk's dependencies for its preload helper, naming the entry's stylesheet when the chunk
 * imports from the entry; the helper here ignores them (the Worker inlines that stylesheet), so the list goes. Runs
 * after Vite's own generateBundle, which writes the list. */
function noPreloadLists(): Plugin {
  return {
    name: 'no-preload-lists',
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        for (const file of Object.values(bundle))
          if (file.type === 'chunk')
            file.code = file.code
              .replace(/^const __vite__mapDeps=.*\n/, '')
              .replace(/__vite__mapDeps\(\[[\d,]*\]\)/g, '[]');
      },
    },
  };
}

/** The static assets' security headers (dist/web/_headers), from the same policy as the pages'. */
function assetHeaders(): Plugin {
  return {
    name: 'asset-headers',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: assetHeadersFile() });
    },
  };
}

/** The reseller's own texts (content/, e.g. content/legal/terms.md), copied beside the manifests for the Worker. */
function shopContent(): Plugin {
  const root = fileURLToPath(new URL(`${CONTENT_ROOT}/`, import.meta.url));
  return {
    name: 'shop-content',
    buildStart() {
      for (const file of contentFiles(root)) this.addWatchFile(join(root, file));
    },
    generateBundle() {
      // Once, by the first build: the texts are the same for every locale's.
      if (this.environment.name !== 'client') return;
      for (const file of contentFiles(root))
        this.emitFile({ type: 'asset', fileName: `${CONTENT_DIR}/${file}`, source: readFileSync(join(root, file)) });
    },
  };
}

/** Every catalog, beside the manifests, for the Worker to fetch the one it writes in (src/i18n/catalogs.ts). */
function workerCatalogs(): Plugin {
  return {
    name: 'worker-catalogs',
    generateBundle() {
      if (this.environment.name !== 'client') return;
      for (const locale of SHIPPED_LOCALES)
        this.emitFile({ type: 'asset', fileName: catalogPath(locale), source: JSON.stringify(CATALOGS[locale]) });
    },
  };
}

/** Each build's bundle and locale, by the name of its Vite environment (`client`, Vite's own, is the first). */
const BUILDS = new Map<string, { bundle: SpaBundle; locale: Locale }>(
  SHIPPED_LOCALES.flatMap((locale) =>
    (Object.keys(SPA_BUNDLES) as SpaBundle[]).map(
      (bundle) => [`${bundle}_${locale.replace('-', '_')}`, { bundle, locale }] as const,
    ),
  ).map(([name, build], i) => [i === 0 ? 'client' : name, build]),
);

/** A locale's build: the browser's translate module, and every `t('key')` replaced by the locale's message. */
function localeMessages(): Plugin {
  const serverModule = fileURLToPath(new URL('src/shared/i18n/translate.ts', import.meta.url));
  const browserModule = fileURLToPath(new URL('src/shared/i18n/translate.browser.ts', import.meta.url));
  return {
    name: 'locale-messages',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('/translate.ts')) return;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (resolved?.id === serverModule) return browserModule;
    },
    transform(code, id) {
      const build = BUILDS.get(this.environment.name);
      if (!build || id.includes('/node_modules/') || !/\.tsx?$/.test(id)) return;
      const inlined = inlineMessages(code, CATALOGS[build.locale], id);
      return inlined === code ? undefined : { code: inlined, map: null };
    },
  };
}

function environment(name: string, first: boolean): EnvironmentOptions {
  const build = BUILDS.get(name);
  if (!build) throw new Error(`no build named ${name}`);
  const { bundle, locale } = build;
  const dir = assetsDir(locale);
  return {
    ...(first ? {} : { consumer: 'client' as const }),
    define: { __SHOP_LOCALE__: JSON.stringify(locale) },
    build: {
      outDir: '../dist/web',
      emptyOutDir: first && !watching,
      target: 'es2022',
      // No inline scripts or styles but the Worker's (the CSP allows only same-origin files and that style's hash).
      assetsInlineLimit: 0,
      manifest: manifestPath(bundle, locale),
      modulePreload: false,
      rolldownOptions: {
        input: { [bundle]: web(SPA_BUNDLES[bundle].entry) },
        output: {
          entryFileNames: `${dir}/[name]-[hash].js`,
          chunkFileNames: `${dir}/[name]-[hash].js`,
          assetFileNames: `${dir}/[name]-[hash][extname]`,
          // Everything the entry imports statically is its one file, shared with the lazy chunks: left to itself the
          // bundler moves what every chunk shares into a common chunk once there are several nested lazy chunks,
          // and the page pays a second request and the worse compression of two files.
          codeSplitting: { groups: [{ name: bundle, tags: ['$initial'] }] },
        },
      },
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [
    preact(),
    browserOnly(),
    noPreloadLists(),
    assetHeaders(),
    shopContent(),
    workerCatalogs(),
    localeMessages(),
  ],
  builder: {},
  environments: Object.fromEntries([...BUILDS.keys()].map((name, i) => [name, environment(name, i === 0)])),
});
