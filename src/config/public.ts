// The part of the config a browser may see.
import type { PublicConfig } from '../shared/api.ts';
import type { Config } from './index.ts';

export function publicConfig(config: Config): PublicConfig {
  // The landing page's sections are rendered into its page, not sent with every page (the legal texts are files).
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
