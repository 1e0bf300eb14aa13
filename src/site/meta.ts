// What a page says about itself to search engines and link previews, in its language: title, description, canonical
// address and its other languages' (hreflang), Open Graph and Twitter tags (from BRAND, with its optional social
// image), and the tiers as schema.org Product offers.
import { isPublic, pageTitle, type Route } from '../../web/src/routes.ts';
import type { Config } from '../config/index.ts';
import { tierIn } from '../shared/api.ts';
import { formatDays, formatGb, minorUnitsPer } from '../shared/format.ts';
import { type Locale, languageTag, localizedPath } from '../shared/i18n/locales.ts';
import { t } from '../shared/i18n/translate.ts';
import type { FaqEntry } from '../shared/landing.ts';

export interface PageMeta {
  title: string;
  description: string;
  /** The page's one address (PUBLIC_URL and the path, no query); none for a page that does not exist. */
  canonical: string | null;
  /** The same page in each language (hreflang → URL), `x-default` the default locale's; public pages only. */
  alternates: [hreflang: string, href: string][];
  /** `<meta property|name content>` pairs for link previews. */
  social: SocialTag[];
}

type SocialTag = [attribute: 'property' | 'name', key: string, content: string];

function description(route: Route, config: Config): string {
  const { name, tagline, legal } = config.brand;
  switch (route.page) {
    case 'landing':
      return tagline || t('meta.landing', { brand: name });
    case 'signin':
      return t('meta.signin', { brand: name });
    case 'legal':
      return route.doc === 'terms'
        ? t('meta.terms', { brand: name, company: legal.companyName })
        : t('meta.privacy', { brand: name, company: legal.companyName });
    case 'not-found':
      return t('meta.notFound', { brand: name });
    case 'verify':
      return t('meta.verify', { brand: name });
    case 'checkout':
      return t('meta.checkout', { brand: name });
    case 'dashboard':
      return t('meta.dashboard', { brand: name });
    case 'dashboard-api':
      return t('meta.api', { brand: name });
    case 'admin':
      return t('meta.console', { brand: name });
    case 'unsubscribe':
      return t('meta.unsubscribe', { brand: name });
  }
}

/** A path or URL from config as an absolute URL on the shop. */
export function absoluteUrl(config: Config, pathOrUrl: string): string {
  return pathOrUrl.startsWith('/') ? `${config.publicUrl}${pathOrUrl}` : pathOrUrl;
}

/** Open Graph's `language_TERRITORY` (`de_DE`, `pt_BR`), the likeliest territory by Intl.Locale. */
function openGraphLocale(locale: Locale): string {
  const { language, region } = new Intl.Locale(languageTag(locale)).maximize();
  return region ? `${language}_${region}` : language;
}

/** A public page's address in every language the shop speaks, and `x-default` (the default locale's). */
export function alternates(config: Config, path: string): [string, string][] {
  const url = (locale: Locale) => `${config.publicUrl}${localizedPath(path, locale, config.defaultLocale)}`;
  if (config.locales.length < 2) return [];
  return [
    ...config.locales.map((locale): [string, string] => [languageTag(locale), url(locale)]),
    ['x-default', url(config.defaultLocale)],
  ];
}

/** The meta of `route` at `path` (within its locale) in `locale`; call it inside `inLocale(locale, …)`. */
export function pageMeta(route: Route, path: string, locale: Locale, config: Config): PageMeta {
  const title = pageTitle(route, config.brand.name);
  const text = description(route, config);
  // A page that does not exist, or one only a mailed link opens (never indexed), has no canonical address.
  const found = route.page !== 'not-found' && route.page !== 'unsubscribe';
  const canonical = found ? `${config.publicUrl}${localizedPath(path, locale, config.defaultLocale)}` : null;
  const image = config.brand.socialImageUrl && absoluteUrl(config, config.brand.socialImageUrl);
  const social: SocialTag[] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', config.brand.name],
    ['property', 'og:title', title],
    ['property', 'og:description', text],
    ['property', 'og:locale', openGraphLocale(locale)],
  ];
  if (canonical) social.push(['property', 'og:url', canonical]);
  if (image) social.push(['property', 'og:image', image]);
  social.push(
    ['name', 'twitter:card', image ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', text],
  );
  if (image) social.push(['name', 'twitter:image', image]);
  return {
    title,
    description: text,
    canonical,
    alternates: found && isPublic(route) ? alternates(config, path) : [],
    social,
  };
}

/** A price in minor units as schema.org wants it: `69.00`. */
function decimalPrice(minor: number, currency: string): string {
  const per = minorUnitsPer(currency);
  return (minor / per).toFixed(per === 1 ? 0 : 2);
}

/** The landing page's questions and answers as a schema.org FAQPage. */
export function faqData(faq: FaqEntry[]): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: faq.map((entry) => ({
      '@type': 'Question',
      name: entry.question,
      acceptedAnswer: { '@type': 'Answer', text: entry.answer },
    })),
  };
}

/** The shop as a schema.org Product with one Offer per tier in `currency` (the landing page's structured data);
 * call it inside `inLocale(locale, …)`. */
export function productData(config: Config, currency: string): Record<string, unknown> {
  const { brand } = config;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: brand.name,
    description: brand.tagline,
    brand: { '@type': 'Brand', name: brand.name },
    ...(brand.socialImageUrl ? { image: absoluteUrl(config, brand.socialImageUrl) } : {}),
    offers: config.tiers.map((shopTier) => {
      const tier = tierIn(shopTier, currency);
      const traffic = formatGb(tier.gb);
      return {
        '@type': 'Offer',
        name: tier.name,
        description: tier.validityDays
          ? t('meta.offerValid', { traffic, days: formatDays(tier.validityDays) })
          : t('meta.offer', { traffic }),
        price: decimalPrice(tier.price, tier.currency),
        priceCurrency: tier.currency.toUpperCase(),
        availability: 'https://schema.org/InStock',
        url: `${config.publicUrl}/checkout/${encodeURIComponent(tier.id)}`,
        seller: { '@type': 'Organization', name: brand.legal.companyName },
      };
    }),
  };
}
