// Builds the SPA (web/) into dist/web, which wrangler serves as the Worker's static assets, as two bundles that share
// nothing: the public pages' islands (the landing page loads only them) and the signed-in app (the console a chunk of
// its own). The Worker writes every page's HTML: it reads the manifests to link a page's script and module preloads,
// and inlines its stylesheet (src/site/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { type BuildEnvironmentOptions, defineConfig, type Plugin } from 'vite';
import { CONTENT_ROOT, contentFiles } from './scripts/shop-content.ts';
import { assetHeadersFile } from './src/site/headers.ts';
import { CONTENT_DIR, SPA_BUNDLES, type SpaBundle } from './src/site/manifest.ts';

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
        if (file.type === 'chunk' && file.code.includes('__vite__mapDeps'))
          this.error(
            `${file.fileName} preloads dependencies of a lazy chunk (a stylesheet?): import it from the entry`,
          );
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
      for (const file of contentFiles(root))
        this.emitFile({ type: 'asset', fileName: `${CONTENT_DIR}/${file}`, source: readFileSync(join(root, file)) });
    },
  };
}

function bundle(name: SpaBundle, first: boolean): { build: BuildEnvironmentOptions } {
  const { entry, manifest } = SPA_BUNDLES[name];
  return {
    build: {
      outDir: '../dist/web',
      emptyOutDir: first && !watching,
      target: 'es2022',
      // No inline scripts or styles but the Worker's (the CSP allows only same-origin files and that style's hash).
      assetsInlineLimit: 0,
      manifest,
      modulePreload: false,
      rolldownOptions: {
        input: { [name]: web(entry) },
        // Everything the entry imports statically is its one file, shared with the lazy chunks: left to itself the
        // bundler moves what every chunk shares into a common chunk once there are several nested lazy chunks,
        // and the page pays a second request and the worse compression of two files.
        output: { codeSplitting: { groups: [{ name, tags: ['$initial'] }] } },
      },
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [preact(), browserOnly(), assetHeaders(), shopContent()],
  builder: {},
  environments: {
    client: bundle('app', true),
    islands: { consumer: 'client', ...bundle('islands', false) },
  },
});
