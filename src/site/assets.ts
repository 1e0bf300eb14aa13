// The built SPA as the Worker reads it through its ASSETS binding: the bundles' manifests and the stylesheets it
// inlines. Read once per isolate in production; on every page elsewhere, since `npm run dev` rebuilds as you edit.
import { SPA_BUNDLES, type ViteManifest } from './manifest.ts';

export interface SpaAssets {
  manifest: ViteManifest;
  /** A built stylesheet's text, by its path (`/assets/app-….css`). */
  stylesheet(path: string): Promise<string>;
  /** A public file's text (`/logo.svg`), or null if there is none. */
  optionalText(path: string): Promise<string | null>;
}

async function text(assets: Fetcher, path: string): Promise<string> {
  const res = await assets.fetch(new Request(`https://assets.local${path}`));
  if (!res.ok) throw new Error(`the SPA's ${path} is missing (${res.status}): build it with npm run build`);
  return res.text();
}

async function optionalText(assets: Fetcher, path: string): Promise<string | null> {
  const res = await assets.fetch(new Request(`https://assets.local${path}`));
  return res.ok ? res.text() : null;
}

async function load(assets: Fetcher): Promise<SpaAssets> {
  const manifests = await Promise.all(
    Object.values(SPA_BUNDLES).map(async (b) => JSON.parse(await text(assets, `/${b.manifest}`)) as ViteManifest),
  );
  const stylesheets = new Map<string, Promise<string>>();
  return {
    manifest: Object.assign({}, ...manifests),
    stylesheet(path) {
      let css = stylesheets.get(path);
      if (!css) {
        css = text(assets, path);
        stylesheets.set(path, css);
        css.catch(() => stylesheets.delete(path));
      }
      return css;
    },
    optionalText: (path) => optionalText(assets, path),
  };
}

let cached: Promise<SpaAssets> | undefined;

export function spaAssets(assets: Fetcher, { cache }: { cache: boolean }): Promise<SpaAssets> {
  if (!cache) return load(assets);
  if (!cached) {
    cached = load(assets);
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}
