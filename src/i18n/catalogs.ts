// The Worker's catalogs, one language at a time: each a file of the build (`.vite/i18n/<locale>.json`, written by
// vite.config.ts beside the manifests, which only the Worker reads) fetched through the ASSETS binding the first time
// a page, a mail or an answer is written in it. Seven languages inlined would make every isolate load all seven, and
// the Worker's bundle hold them.
import type { Catalog } from '../shared/i18n/catalogs/index.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { hasCatalog, provideCatalog } from '../shared/i18n/translate.ts';

/** The ASSETS binding, as far as this reads it. */
interface Assets {
  fetch(request: Request): Promise<Response>;
}

/** Where the build puts a locale's catalog. */
export const catalogPath = (locale: Locale) => `.vite/i18n/${locale}.json`;

const loading = new Map<Locale, Promise<void>>();

async function fetchCatalog(assets: Assets, locale: Locale): Promise<void> {
  const res = await assets.fetch(new Request(`https://assets.local/${catalogPath(locale)}`));
  if (!res.ok) throw new Error(`the ${locale} catalog is missing (${res.status}): build it with npm run build`);
  provideCatalog(locale, (await res.json()) as Catalog);
}

/**
 * Makes `locale`'s messages available to `inLocale` (src/shared/i18n/translate.ts). Production fetches each once per
 * isolate (a deploy brings a new isolate); elsewhere every call reads it again, since `npm run dev` rebuilds as you
 * edit.
 */
export function loadCatalog(assets: Assets, locale: Locale, { cache }: { cache: boolean }): Promise<void> {
  if (cache && hasCatalog(locale)) return Promise.resolve();
  if (!cache) return fetchCatalog(assets, locale);
  let found = loading.get(locale);
  if (!found) {
    found = fetchCatalog(assets, locale);
    loading.set(locale, found);
    found.catch(() => loading.delete(locale));
  }
  return found;
}
