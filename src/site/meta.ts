// What a page says about itself to search engines and link previews: title, description, canonical address, Open
// Graph and Twitter tags (from BRAND, with its optional social image), and the tiers as schema.org Product offers.
import { pageTitle, type Route } from '../../web/src/routes.ts';
import type { Config } from '../config/index.ts';
import { minorUnitsPer } from '../shared/format.ts';
import type { FaqEntry } from '../shared/landing.ts';

export interface PageMeta {
  title: string;
  description: string;
  /** The page's one address (PUBLIC_URL and the path, no query); none for a page that does not exist. */
  canonical: string | null;
  /** `<meta property|name content>` pairs for link previews. */
  social: SocialTag[];
}

type SocialTag = [attribute: 'property' | 'name', key: string, content: string];

function description(route: Route, config: Config): string {
  const { name, tagline, legal } = config.brand;
  switch (route.page) {
    case 'landing':
      return tagline || `Mobile proxies by the gigabyte from ${name}.`;
    case 'signin':
      return `Sign in to ${name} with a link sent to your email address: no password needed.`;
    case 'legal':
      return `The ${route.doc === 'terms' ? 'terms of service' : 'privacy policy'} of ${name}, run by ${legal.companyName}.`;
    case 'not-found':
      return `There is nothing at this address on ${name}.`;
    case 'verify':
      return `Confirm your sign-in to ${name}.`;
    case 'checkout':
      return `Secure payment for your ${name} plan.`;
    case 'dashboard':
      return `Your ${name} proxy credentials, proxy URLs, usage and purchases.`;
    case 'dashboard-api':
      return `Your ${name} API tokens, for scripts that fetch proxy URLs, usage and sessions.`;
    case 'admin':
      return `The ${name} operator console.`;
    case 'unsubscribe':
      return `Turn off the usage and expiry reminders ${name} emails you.`;
  }
}

/** A path or URL from config as an absolute URL on the shop. */
export function absoluteUrl(config: Config, pathOrUrl: string): string {
  return pathOrUrl.startsWith('/') ? `${config.publicUrl}${pathOrUrl}` : pathOrUrl;
}

export function pageMeta(route: Route, pathname: string, config: Config): PageMeta {
  const title = pageTitle(route, config.brand.name);
  const text = description(route, config);
  // A page that does not exist, or one only a mailed link opens (never indexed), has no canonical address.
  const canonical =
    route.page === 'not-found' || route.page === 'unsubscribe' ? null : `${config.publicUrl}${pathname}`;
  const image = config.brand.socialImageUrl && absoluteUrl(config, config.brand.socialImageUrl);
  const social: SocialTag[] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', config.brand.name],
    ['property', 'og:title', title],
    ['property', 'og:description', text],
  ];
  if (canonical) social.push(['property', 'og:url', canonical]);
  if (image) social.push(['property', 'og:image', image]);
  social.push(
    ['name', 'twitter:card', image ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', text],
  );
  if (image) social.push(['name', 'twitter:image', image]);
  return { title, description: text, canonical, social };
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

/** The shop as a schema.org Product with one Offer per tier (the landing page's structured data). */
export function productData(config: Config): Record<string, unknown> {
  const { brand } = config;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: brand.name,
    description: brand.tagline,
    brand: { '@type': 'Brand', name: brand.name },
    ...(brand.socialImageUrl ? { image: absoluteUrl(config, brand.socialImageUrl) } : {}),
    offers: config.tiers.map((tier) => ({
      '@type': 'Offer',
      name: tier.name,
      description: `${tier.gb} GB of mobile proxy traffic${tier.validityDays ? `, valid ${tier.validityDays} days` : ''}`,
      price: decimalPrice(tier.price, tier.currency),
      priceCurrency: tier.currency.toUpperCase(),
      availability: 'https://schema.org/InStock',
      url: `${config.publicUrl}/checkout/${encodeURIComponent(tier.id)}`,
      seller: { '@type': 'Organization', name: brand.legal.companyName },
    })),
  };
}
