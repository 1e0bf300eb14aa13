// Which language a page is in, by its address: public pages live under a locale prefix (`/de/…`; the default locale's
// at `/`), so a crawler finds each language at its own address. The signed-in app's pages have no prefix: they speak
// the language the visitor chose last (a cookie set when they came from a localized page or changed it), else the
// one their browser asks for. A visitor to a public page of the default locale whose browser prefers another is
// offered it (never redirected: `/` stays what crawlers and links get).
import { isPublic, matchRoute } from '../../web/src/routes.ts';
import type { Config } from '../config/index.ts';
import { isLocale, type Locale, negotiateLocale, splitLocalePath } from '../shared/i18n/locales.ts';

export type PageAddress =
  | {
      kind: 'page';
      locale: Locale;
      /** The path within the locale (`/de/signin` → `/signin`). */
      path: string;
      /** Another locale the visitor's browser prefers, offered on a public page of the default locale. */
      offer: Locale | null;
    }
  | {
      kind: 'redirect';
      status: 301 | 302;
      location: string;
      /** The language to remember (the visitor entered the app from a page in it). */
      remember?: Locale;
    };

export interface PageRequest {
  pathname: string;
  /** The query string, `?` included, or ''. */
  search: string;
  acceptLanguage: string | null;
  /** The language the visitor chose last (src/http/locale.ts), if any. */
  chosen: string | undefined;
}

export function pageAddress(config: Config, request: PageRequest): PageAddress {
  const { locales, defaultLocale } = config;
  const split = splitLocalePath(request.pathname, locales, defaultLocale);
  const route = matchRoute(split.path);
  // The default locale has one address for each page: its own, without the prefix.
  if (split.prefixed && split.locale === defaultLocale)
    return { kind: 'redirect', status: 301, location: `${split.path}${request.search}` };
  if (split.prefixed && !isPublic(route))
    return { kind: 'redirect', status: 302, location: `${split.path}${request.search}`, remember: split.locale };
  const browser = negotiateLocale(request.acceptLanguage, locales);
  if (!isPublic(route)) {
    const chosen = isLocale(request.chosen) && locales.includes(request.chosen) ? request.chosen : null;
    return { kind: 'page', locale: chosen ?? browser ?? defaultLocale, path: split.path, offer: null };
  }
  const offer = !split.prefixed && browser && browser !== defaultLocale ? browser : null;
  return { kind: 'page', locale: split.locale, path: split.path, offer };
}
