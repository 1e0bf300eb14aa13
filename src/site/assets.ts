// The built SPA as the Worker reads it through its ASSETS binding: the bundles' manifests (each locale's build has its
// own) and the stylesheets it inlines. Read once per isolate in production; on every page elsewhere, since
// `npm run dev` rebuilds as you edit.
import type { Locale } from '../shared/i18n/locales.ts';
import { CONTENT_DIR, manifestPath, SPA_BUNDLES, type SpaBundle, type ViteManifest } from './manifest.ts';

export interface SpaAssets {
  /** Both bundles' manifests of a locale's build, merged. */
  manifest(locale: Locale): Promise<ViteManifest>;
  /** A built stylesheet's text, by its path (`/assets/app-….css`). */
  stylesheet(path: string): Promise<string>;
  /** A file of the reseller's content/ (`de/shop.json`, `legal/terms.md`), or null when they gave none. */
  content(file: string): Promise<string | null>;
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

/** `load()` once per key, forgotten if it fails (a later request tries again). */
function memo<T>(): (key: string, load: () => Promise<T>) => Promise<T> {
  const kept = new Map<string, Promise<T>>();
  return (key, load) => {
    let found = kept.get(key);
    if (!found) {
      found = load();
      kept.set(key, found);
      found.catch(() => kept.delete(key));
    }
    return found;
  };
}

async function manifestOf(assets: Fetcher, locale: Locale): Promise<ViteManifest> {
  const manifests = await Promise.all(
    (Object.keys(SPA_BUNDLES) as SpaBundle[]).map(
      async (bundle) => JSON.parse(await text(assets, `/${manifestPath(bundle, locale)}`)) as ViteManifest,
    ),
  );
  return Object.assign({}, ...manifests);
}

function load(assets: Fetcher): SpaAssets {
  const manifests = memo<ViteManifest>();
  const stylesheets = memo<string>();
  const contents = memo<string | null>();
  return {
    manifest: (locale) => manifests(locale, () => manifestOf(assets, locale)),
    stylesheet: (path) => stylesheets(path, () => text(assets, path)),
    content: (file) => contents(file, () => optionalText(assets, `/${CONTENT_DIR}/${file}`)),
    optionalText: (path) => optionalText(assets, path),
  };
}

let cached: SpaAssets | undefined;

export function spaAssets(assets: Fetcher, { cache }: { cache: boolean }): SpaAssets {
  if (!cache) return load(assets);
  cached ??= load(assets);
  return cached;
}
