// Types of the public API that both the Worker and the SPA use, and the one rule for a tier's price in a currency.
// Pure: no runtime imports.
import type { Locale } from './i18n/locales.ts';

/** A tier as a page shows it: priced in one currency (the page's). */
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

/** A tier as the shop sells it: its price in each currency it is sold in (minor units by currency code); `price`,
 * `currency` and `pricePerGb` are the shop's own currency's. */
export interface ShopTier extends Tier {
  prices: Record<string, number>;
}

/** The tier priced in `currency` (the shop's own when the tier has no price in it). */
export function tierIn(tier: ShopTier, currency: string): ShopTier {
  const price = tier.prices[currency];
  if (price === undefined || currency === tier.currency) return tier;
  return { ...tier, price, currency, pricePerGb: Math.round(price / tier.gb) };
}

export interface Brand {
  name: string;
  tagline: string;
  supportEmail: string;
  primaryColor: string;
  accentColor: string;
  logoUrl?: string;
  socialImageUrl?: string;
  legal: { companyName: string; termsUrl: string; privacyUrl: string };
}

export interface PublicConfig {
  brand: Brand;
  /** The currency the page shows prices in (and Checkout charges in). */
  currency: string;
  /** Every currency the shop sells in (a switcher offers them when there are several). */
  currencies: string[];
  /** The languages the shop speaks, and the one at `/`. */
  locales: Locale[];
  defaultLocale: Locale;
  tiers: Tier[];
  countries: string[];
  defaultCountry: string;
  gatewayHost: string;
  resellerUsername: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string };
}

/** `GET /api/stock`: devices online per offered country (mobile modems and peer devices). */
export interface StockResponse {
  countries: { code: string; mbl: number; peer: number }[];
  /** When the platform computed the stock (ISO). */
  generatedAt: string;
  /** When the shop last fetched it (ISO). */
  fetchedAt: string;
  /** True when the value is older than a minute (the upstream is slow to answer or down). */
  stale: boolean;
}

export interface IncidentSummary {
  id: string;
  severity: 'info' | 'minor' | 'major' | 'critical';
  title: string;
  description: string | null;
  startedAt: string;
  /** Lowercase country codes named in `affects` (empty: not country-specific). */
  countries: string[];
  /** Pools named in `affects` (`mbl`, `peer`; empty: every pool). */
  pools: string[];
}

/** `GET /api/incidents`: unresolved incidents, most severe first. */
export interface IncidentsResponse {
  incidents: IncidentSummary[];
  fetchedAt: string;
  stale: boolean;
}

/** The signed-in customer as the app knows them: whom the header names, and whether it links to the console. */
export interface SignedInCustomer {
  id: string;
  email: string;
  /** An operator (ADMIN_EMAILS): the console is theirs. */
  isAdmin: boolean;
}

/** GET /api/auth/me: who is signed in; null for a signed-out visitor (an answer, not a failed request). */
/**
 * POST /api/auth/request (202), the same for every address. `challenge`: the shop is getting unusually many sign-in
 * requests and asks addresses without an account to pass Cloudflare Turnstile (the widget of `siteKey`) and send the
 * request again with its token; an existing customer's link is on its way all the same.
 */
export type SignInRequestAnswer =
  | { status: 'sent'; message: string }
  | { status: 'challenge'; message: string; siteKey: string };

/** POST /api/auth/logout-all: sessions ended, and API tokens revoked (null: the customer kept them). */
export interface SignOutEverywhereAnswer {
  signedOut: true;
  revoked: number;
  tokensRevoked: number | null;
}

export interface AuthMeAnswer {
  customer: SignedInCustomer | null;
}

/** POST /api/auth/verify: who the link signed in, and where it asked to continue (a same-origin path, or null). */
export interface AuthVerifyAnswer {
  customer: SignedInCustomer;
  next: string | null;
}

/** POST /api/auth/link: what a sign-in link does, shown before the customer uses it; null when it cannot be used. */
export interface LoginLinkAnswer {
  link: {
    /** The address it signs in as. */
    email: string;
    /** Where it continues to after sign-in (a same-origin path), or null for the default. */
    next: string | null;
    /** Unix ms. */
    expiresAt: number;
  } | null;
}
