// The languages the shop ships, how a URL names one (`/de/…`; the default locale has no prefix), what a browser's
// Accept-Language asks for, and each language's tag for Intl, <html lang>, hreflang and Stripe. Pure: the Worker and
// the SPA share it.

/** Every locale with a complete catalog (src/shared/i18n/catalogs/); LOCALES offers some or all of them. */
export const SHIPPED_LOCALES = ['en', 'de', 'es', 'pt-br', 'fr', 'ru', 'zh-cn'] as const;
export type Locale = (typeof SHIPPED_LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SHIPPED_LOCALES as readonly string[]).includes(value);
}

/** The BCP 47 tag of a locale (`pt-BR`, `zh-CN`), for Intl, `<html lang>` and hreflang. */
export function languageTag(locale: Locale): string {
  const [language, region] = locale.split('-');
  return region ? `${language}-${region.toUpperCase()}` : locale;
}

/** Checkout's `locale` (Stripe names Simplified Chinese `zh` and Brazilian Portuguese `pt-BR`). */
export function stripeLocale(locale: Locale): string {
  return locale === 'zh-cn' ? 'zh' : languageTag(locale);
}

/** Browser tags that mean one of ours beyond the obvious (`zh-Hans`, `zh-SG` read Simplified Chinese). */
const ALIASES: Record<string, Locale> = { 'zh-hans': 'zh-cn', 'zh-sg': 'zh-cn', 'zh-my': 'zh-cn', zh: 'zh-cn' };

/** The offered locale a tag means: the exact locale, an alias, or the locale of the same language. */
function matchTag(tag: string, offered: readonly Locale[]): Locale | undefined {
  const wanted = tag.toLowerCase();
  const exact = offered.find((l) => l === wanted) ?? (ALIASES[wanted] && offered.find((l) => l === ALIASES[wanted]));
  if (exact) return exact;
  const language = wanted.split('-')[0];
  const alias = language ? ALIASES[language] : undefined;
  return offered.find((l) => l.split('-')[0] === language && (alias === undefined || l === alias));
}

/**
 * The offered locale the visitor prefers most (RFC 9110 Accept-Language: tags by q, ties in their order), or null
 * when they ask for none of them.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, offered: readonly Locale[]): Locale | null {
  if (!acceptLanguage) return null;
  const ranges = acceptLanguage
    .split(',')
    .map((part, order) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.tag && r.tag !== '*' && r.q > 0 && r.q <= 1)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const range of ranges) {
    const found = matchTag(range.tag, offered);
    if (found) return found;
  }
  return null;
}

/** `candidate` when it is one of the offered locales (a customer's stored choice), else `fallback`. */
export function offeredOr(candidate: unknown, offered: readonly Locale[], fallback: Locale): Locale {
  return isLocale(candidate) && offered.includes(candidate) ? candidate : fallback;
}

/** `/de` for German when English is the default; '' for the default locale, whose pages have no prefix. */
export function localePrefix(locale: Locale, defaultLocale: Locale): string {
  return locale === defaultLocale ? '' : `/${locale}`;
}

/** A shop path in a locale: `/signin` → `/de/signin`, `/` → `/de/` (a page keeps its trailing slash). */
export function localizedPath(path: string, locale: Locale, defaultLocale: Locale): string {
  const prefix = localePrefix(locale, defaultLocale);
  return prefix && path.startsWith('/') ? `${prefix}${path}` : path;
}

export interface LocalePath {
  locale: Locale;
  /** The path without the locale's prefix (`/de/signin` → `/signin`, `/de/` → `/`). */
  path: string;
  /** Whether the path named its locale (the default locale's own address has no prefix: `/en/…` is not canonical). */
  prefixed: boolean;
}

/** Which offered locale a path is in, and the path inside it. `/de` alone is `/` in German. */
export function splitLocalePath(pathname: string, offered: readonly Locale[], defaultLocale: Locale): LocalePath {
  const first = pathname.split('/')[1] ?? '';
  const locale = offered.find((l) => l === first);
  if (!locale) return { locale: defaultLocale, path: pathname, prefixed: false };
  return { locale, path: pathname.slice(first.length + 1) || '/', prefixed: true };
}
