// The part of the config a browser may see.
import type { PublicConfig } from '../shared/api.ts';
import type { Config } from './index.ts';

export function publicConfig(config: Config): PublicConfig {
  return {
    brand: config.brand,
    currency: config.currency,
    tiers: config.tiers,
    countries: config.countries,
    defaultCountry: config.defaultCountry,
    gatewayHost: config.upstream.gatewayHost,
    resellerUsername: config.upstream.username,
  };
}
