// The part of the config a browser may see.
import type { PublicConfig } from '../shared/api.ts';
import type { Config } from './index.ts';

export function publicConfig(config: Config): PublicConfig {
  // The legal texts and the landing page's sections are rendered into their pages, not sent with every page.
  const { terms: _terms, privacy: _privacy, ...legal } = config.brand.legal;
  const { landing: _landing, ...brand } = config.brand;
  return {
    brand: { ...brand, legal },
    currency: config.currency,
    tiers: config.tiers,
    countries: config.countries,
    defaultCountry: config.defaultCountry,
    gatewayHost: config.upstream.gatewayHost,
    resellerUsername: config.upstream.username,
  };
}
