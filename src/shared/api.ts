// Types of the public API that both the Worker and the SPA use. Pure: no runtime imports.

export interface Tier {
  id: string;
  name: string;
  gb: number;
  /** Minor units (cents) in `currency`. */
  price: number;
  currency: string;
  /** Minor units per GB, rounded. */
  pricePerGb: number;
  validityDays?: number;
  tagline?: string;
  highlight?: boolean;
}

export interface Brand {
  name: string;
  tagline: string;
  supportEmail: string;
  primaryColor: string;
  accentColor: string;
  logoUrl?: string;
  legal: { companyName: string; termsUrl: string; privacyUrl: string };
}

export interface PublicConfig {
  brand: Brand;
  currency: string;
  tiers: Tier[];
  countries: string[];
  defaultCountry: string;
  gatewayHost: string;
  resellerUsername: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string };
}
