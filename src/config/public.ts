// The part of the config a browser may see, as a page in one currency shows it.
import { type PublicConfig, tierIn } from '../shared/api.ts';
import type { Config } from './index.ts';

export function publicConfig(config: Config, currency = config.currency): PublicConfig {
  // The landing page's sections are rendered into its page, not sent with every page (the legal texts are files).
  const { terms: _terms, privacy: _privacy, ...legal } = config.brand.legal;
  const { landing: _landing, ...brand } = config.brand;
  return {
    brand: { ...brand, legal },
    currency,
    currencies: config.currencies,
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    tiers: config.tiers.map((tier) => {
      const { prices: _prices, ...priced } = tierIn(tier, currency);
      return priced;
    }),
    countries: config.countries,
    defaultCountry: config.defaultCountry,
    gatewayHost: config.upstream.gatewayHost,
    resellerUsername: config.upstream.username,
  };
}
