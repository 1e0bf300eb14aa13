// A production config that passes the check: https endpoints, the shop's own (non-placeholder) addresses and
// real-looking secrets with a live Stripe key. Tests of production-only rules start from it and change one thing.
import { env } from 'cloudflare:test';

/** The shop's own domain in these tests: not a name reserved for examples, which production refuses. */
export const PRODUCTION_DOMAIN = 'acme-proxies.com';

const brand = JSON.parse(String((env as unknown as Record<string, unknown>).BRAND)) as Record<string, unknown>;

export const PRODUCTION_VARS = {
  SHOP_ENV: 'production',
  PUBLIC_URL: `https://shop.${PRODUCTION_DOMAIN}`,
  MAIL_FROM: `Acme Mobile Proxies <login@${PRODUCTION_DOMAIN}>`,
  BRAND: JSON.stringify({ ...brand, supportEmail: `support@${PRODUCTION_DOMAIN}` }),
  PROXIES_SX_API_URL: 'https://api.proxies.sx/v1',
  STRIPE_API_URL: 'https://api.stripe.com',
  MAIL_TRANSPORT: 'cloudflare',
  // The tests' own 0 (no wait between mail retries) is refused in production.
  MAIL_RETRY_DELAY_SECONDS: '10',
  PROXIES_SX_API_KEY: 'psx_reseller_production_key',
  STRIPE_SECRET_KEY: 'sk_live_51ProductionKey',
  STRIPE_WEBHOOK_SECRET: 'whsec_production_endpoint_secret',
  AUTH_SECRET: 'production-auth-secret-at-least-32-characters-long',
  ENCRYPTION_KEY: 'cHJvZHVjdGlvbi1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=',
  // A Turnstile widget of its own (the test keys pass everyone, and are refused in production).
  TURNSTILE_SITE_KEY: '0x4AAAAAAAProductionSitekey',
  TURNSTILE_SECRET_KEY: '0x4AAAAAAAProductionSecretKey0000000',
  TURNSTILE_VERIFY_URL: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
} satisfies Record<string, string>;
