// The part of the config a browser may see.
import type { PublicConfig } from '../shared/api.ts';
import type { Config } from './index.ts';

export function publicConfig(config: Config): PublicConfig {
  // The legal texts are served on their own (GET /api/legal/:doc), not with every page load.
  const { terms: _terms, privacy: _privacy, ...legal } = config.brand.legal;
  return {
    brand: { ...config.brand, legal },
    currency: config.currency,
    tiers: config.tiers,
    countries: config.countries,
    defaultCountry: config.defaultCountry,
    gatewayHost: config.upstream.gatewayHost,
    resellerUsername: config.upstream.username,
  };
}
