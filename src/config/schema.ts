// Zod schemas for every wrangler var and secret. Pure: the Worker, `npm run check` and tests share it.
import { PLATFORM_CAP_LIMIT_GB } from '../pool/contract.ts';
import { isLocale, SHIPPED_LOCALES } from '../shared/i18n/locales.ts';
import { GATEWAY_HOST_PATTERN } from '../shared/proxy-url.ts';
import * as z from '../zod.ts';

const hexColour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'));
const pathOrHttpsUrl = z
  .string()
  .check(z.refine((v) => v.startsWith('/') || /^https?:\/\/[^\s]+$/.test(v), 'must be a path (/…) or an http(s) URL'));

/** A legal text that used to live in BRAND: a var holds at most 5 KB, so the texts are files now. */
const movedToContent = (doc: 'terms' | 'privacy') =>
  z.optional(
    z
      .unknown()
      .check(
        z.refine(
          () => false,
          `moved out of BRAND (a var holds at most 5 KB): put the text in content/legal/${doc}.md, which the build serves`,
        ),
      ),
  );

const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max));
const items = (max: number) =>
  z.array(z.object({ title: text(60), text: text(400) })).check(z.minLength(1), z.maxLength(max));
/** A landing section: left out for the default, `false` to hide it. */
const section = <T extends z.ZodMiniType>(schema: T) => z.optional(z.union([z.literal(false), schema]));

/** BRAND.landing: every section optional (defaults come from the tiers and countries; src/config/landing.ts). */
export const landingSchema = z.object({
  hero: z.optional(
    z.object({ title: z.optional(text(80)), subtitle: z.optional(text(240)), cta: z.optional(text(40)) }),
  ),
  trust: section(z.array(text(80)).check(z.minLength(1), z.maxLength(6))),
  features: section(items(8)),
  steps: section(items(6)),
  code: z.optional(z.boolean()),
  faq: section(z.array(z.object({ question: text(160), answer: text(1000) })).check(z.minLength(1), z.maxLength(20))),
  support: section(z.object({ text: z.optional(text(300)) })),
});

export const brandSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(60)),
  tagline: z.string().check(z.maxLength(200)),
  supportEmail: z.email(),
  primaryColor: hexColour,
  accentColor: hexColour,
  logoUrl: z.optional(pathOrHttpsUrl),
  /** Optional picture for link previews (Open Graph, Twitter): a path under web/public/ or an https URL, ideally 1200×630. */
  socialImageUrl: z.optional(pathOrHttpsUrl),
  landing: z.optional(landingSchema),
  legal: z.object({
    companyName: z.string().check(z.minLength(1)),
    termsUrl: pathOrHttpsUrl,
    privacyUrl: pathOrHttpsUrl,
    /** The texts of /terms and /privacy are files (content/legal/, src/config/legal.ts), not part of the var. */
    terms: movedToContent('terms'),
    privacy: movedToContent('privacy'),
  }),
});

/** Cloudflare's siteverify endpoint (https://developers.cloudflare.com/turnstile/get-started/server-side-validation/). */
export const TURNSTILE_SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/** The cap ceiling of an ordinary reseller's keys (partner accounts have higher ones, set in CAP_CEILING_GB). */
export const DEFAULT_CAP_CEILING_GB = 1000;
/** How long a key that was rolled over keeps working, by default. */
export const DEFAULT_ROLLOVER_GRACE_HOURS = 72;

const currencyCode = z.string().check(z.regex(/^[a-z]{3}$/, 'must be a lowercase ISO 4217 code like "usd"'));
const minorUnits = z.int().check(z.minimum(50, 'must be at least 50 minor units (Stripe minimum)'));

export const tierSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be 1–32 of [a-z0-9_-]')),
  name: z.string().check(z.minLength(1), z.maxLength(40)),
  gb: z.int().check(z.minimum(1), z.maximum(PLATFORM_CAP_LIMIT_GB)),
  /** Minor units in PRICING.currency, or one price per currency the shop sells in (`{usd: 6900, eur: 6400}`). */
  price: z.union([minorUnits, z.record(currencyCode, minorUnits)]),
  validityDays: z.optional(z.int().check(z.minimum(1), z.maximum(3650))),
  tagline: z.optional(z.string().check(z.maxLength(120))),
  highlight: z.optional(z.boolean()),
});

/** The currencies a tier's price is given in (one price: PRICING.currency). */
export const priceCurrencies = (price: number | Record<string, number>, base: string): string[] =>
  typeof price === 'number' ? [base] : Object.keys(price);

export const pricingSchema = z
  .object({
    /** The shop's own currency: the single prices', and the one a visitor gets when none of theirs is sold. */
    currency: currencyCode,
    tiers: z.array(tierSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((p, ctx) => {
      const seen = new Set<string>();
      // Every tier is sold in the same currencies, the shop's own among them: a visitor sees one currency throughout.
      const sold = priceCurrencies(p.tiers[0]?.price ?? 0, p.currency)
        .sort()
        .join(',');
      p.tiers.forEach((t, i) => {
        if (seen.has(t.id))
          ctx.issues.push({
            code: 'custom',
            message: `duplicate tier id "${t.id}"`,
            path: ['tiers', i, 'id'],
            input: t.id,
          });
        seen.add(t.id);
        const currencies = priceCurrencies(t.price, p.currency);
        if (!currencies.includes(p.currency))
          ctx.issues.push({
            code: 'custom',
            message: `must include a price in the shop's currency (${p.currency})`,
            path: ['tiers', i, 'price'],
            input: t.price,
          });
        else if (currencies.sort().join(',') !== sold)
          ctx.issues.push({
            code: 'custom',
            message: `must be priced in the same currencies as tiers[0] (${sold})`,
            path: ['tiers', i, 'price'],
            input: t.price,
          });
      });
    }),
  );

const countryCode = z.string().check(z.regex(/^[a-z]{2}$/, 'must be a lowercase ISO 3166-1 alpha-2 code'));
/** A comma-separated var ("us, de") as a list of validated items. */
const csv = (item: z.ZodMiniType<string, string>) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ),
    z.array(item).check(z.minLength(1, 'must list at least one value')),
  );

const locale = z
  .string()
  .check(z.refine(isLocale, `must be one of the shipped languages: ${SHIPPED_LOCALES.join(', ')}`));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A limit var: a whole number from `min` to `max` (a string in .dev.vars, a number or a string in wrangler.toml). */
const limit = (min: number, max: number, fallback: number) =>
  z._default(
    z
      .pipe(z.union([z.int(), z.string().check(z.regex(/^\s*\d+\s*$/, 'must be a whole number'))]), z.transform(Number))
      .check(z.refine((n) => n >= min && n <= max, `must be from ${min} to ${max}`)),
    fallback,
  );
/** A list var of whole numbers ("80, 95"), each from `min` to `max`, distinct; sorted from the largest down. */
const numberList = (min: number, max: number, fallback: string[]) =>
  z._default(
    z
      .pipe(
        z.pipe(
          z.union([z.string(), z.int()]),
          z.transform((v) =>
            String(v)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ),
        z.array(z.string().check(z.regex(/^\d+$/, 'must list whole numbers'))),
      )
      .check(
        z.refine(
          (items) => items.every((n) => Number(n) >= min && Number(n) <= max),
          `must list numbers from ${min} to ${max}`,
        ),
        z.refine((items) => new Set(items.map(Number)).size === items.length, 'lists a number twice'),
      ),
    fallback,
  );
/** An on/off var: "true" or "false" (a boolean in wrangler.toml works too). */
const flag = z._default(
  z.pipe(
    z.union([z.boolean(), z.enum(['true', 'false'])], { error: 'must be "true" or "false"' }),
    z.transform((v) => v === true || v === 'true'),
  ),
  false,
);
const nonEmpty = z.string().check(z.trim(), z.minLength(1, 'is required'));

/** Vars: public, committed in wrangler.toml (and overridable in .dev.vars). JSON vars arrive as strings. */
export const varsSchema = z.object({
  SHOP_ENV: z.enum(['production', 'development', 'test']),
  PUBLIC_URL: httpUrl,
  BRAND: brandSchema,
  PRICING: pricingSchema,
  COUNTRIES: csv(countryCode),
  DEFAULT_COUNTRY: countryCode,
  /** The languages the shop speaks (each a shipped catalog); public pages of the others are at /<locale>/… */
  LOCALES: z._default(csv(locale), [...SHIPPED_LOCALES]),
  /** The language of the pages without a prefix (`/`), of mail to customers who chose none, and of API errors. */
  DEFAULT_LOCALE: z._default(locale, 'en'),
  PROXIES_SX_API_URL: httpUrl,
  PROXIES_SX_USERNAME: z
    .string()
    .check(z.regex(/^[a-z0-9_]{3,64}$/, 'must be your public reseller username, e.g. psx_acme')),
  // No port: the gateway's ports are fixed (http 7000, socks5 7001); the URL builder adds them.
  GATEWAY_HOST: z
    .string()
    .check(z.regex(GATEWAY_HOST_PATTERN, 'must be a lowercase host name without a port, like gw.proxies.sx')),
  STRIPE_API_URL: httpUrl,
  MAIL_TRANSPORT: z.enum(['cloudflare', 'resend', 'outbox']),
  MAIL_FROM: z
    .string()
    .check(
      z.regex(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address, or a name and <address>'),
    ),
  MAIL_OUTBOX_URL: z.optional(httpUrl),
  /** The mail queue's first retry delay, doubling up to 15 minutes; 0 (retry at once) is for tests only. */
  MAIL_RETRY_DELAY_SECONDS: limit(0, 900, 10),
  /**
   * How long a failure of the mail transport keeps mail "failing" unless a message leaves meanwhile: sign-in answers
   * 503 `mail_unavailable` and /api/healthz reports mail degraded (src/mail/health.ts).
   */
  MAIL_FAILURE_WINDOW_MINUTES: limit(1, 1440, 10),
  ADMIN_EMAILS: z.optional(z.string()),
  /** Sign-in links one address gets per day at the request of one network (an IPv4 address or an IPv6 /64). */
  LOGIN_LINKS_PER_DAY: limit(1, 1000, 10),
  /**
   * Sign-in emails the whole shop sends per hour (the mail provider's ceiling): past it, addresses without an account
   * get no new link until the hour rolls on. Operators and existing customers are never held by it.
   */
  LOGIN_MAILS_PER_HOUR: limit(1, 1_000_000, 200),
  /**
   * Sign-in emails in the last hour past which an address without an account must pass the Turnstile challenge
   * first (when Turnstile is set up); 0: always.
   */
  LOGIN_CHALLENGE_AFTER: limit(0, 1_000_000, 50),
  /** Cloudflare Turnstile's sitekey (public): the challenge shown to new addresses when sign-in is under pressure. */
  TURNSTILE_SITE_KEY: z.optional(
    z
      .string()
      .check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a Turnstile sitekey (Cloudflare dashboard → Turnstile)')),
  ),
  /** Where the shop checks a Turnstile token (Cloudflare's siteverify; the simulator locally). */
  TURNSTILE_VERIFY_URL: z._default(httpUrl, TURNSTILE_SITEVERIFY),
  /** The most GB one key may hold (the platform's ceiling for this reseller account): 1000, or more for partners. */
  CAP_CEILING_GB: limit(1, PLATFORM_CAP_LIMIT_GB, DEFAULT_CAP_CEILING_GB),
  /** How long a key keeps working after the customer was rolled onto a new one. */
  KEY_ROLLOVER_GRACE_HOURS: limit(1, 720, DEFAULT_ROLLOVER_GRACE_HOURS),
  /** Usage reminders at these percentages of the key's cap (reaching the cap has its own reminder). */
  REMINDER_USAGE_PERCENTS: numberList(1, 99, ['80', '95']),
  /** Expiry reminders this many days before the key expires. */
  REMINDER_EXPIRY_DAYS: numberList(1, 365, ['7', '1']),
  /** The highest monthly spending limit a customer may set for auto top-up, in minor units; 0 turns auto top-up off. */
  AUTO_TOP_UP_MAX_MONTHLY: limit(0, 100_000_000, 50_000),
  /**
   * Where the platform's live view of a key is kept between dashboard reads (src/keys/live.ts): `auto` keeps it in
   * KV on *.workers.dev (where the Cache API does nothing) and in the location's Cache API on a custom domain; `off`
   * asks the platform on every read.
   */
  LIVE_KEY_CACHE: z._default(z.enum(['auto', 'cache-api', 'kv', 'off']), 'auto'),
  /** Checkout options: promotion codes, Stripe Tax (with tax IDs and billing address), an invoice for each payment. */
  CHECKOUT_PROMOTION_CODES: flag,
  CHECKOUT_AUTOMATIC_TAX: flag,
  CHECKOUT_INVOICE: flag,
  /** Stripe's Adaptive Pricing: Checkout shows the one price in the buyer's currency, converted by Stripe. */
  CHECKOUT_ADAPTIVE_PRICING: flag,
  /** Personal access tokens one customer may hold at once (revoked and expired ones do not count). */
  API_TOKENS_PER_CUSTOMER: limit(1, 100, 10),
  /**
   * Requests per minute one token may make to /api/v1: the `API_TOKEN_LIMITER` binding's limit in wrangler.toml,
   * which counts them; this copy is what the RateLimit-Policy header announces (`npm run check` compares the two).
   */
  API_REQUESTS_PER_MINUTE: limit(1, 100_000, 120),
  /**
   * Requests per minute one customer may make to /api/v1 with all their tokens together: the `API_CUSTOMER_LIMITER`
   * binding's limit, announced like the per-token one (`npm run check` compares the two).
   */
  API_CUSTOMER_PER_MINUTE: limit(1, 100_000, 300),
});

/** Secrets: set with `wrangler secret put` (or .dev.vars locally); never in vars, logs or the SPA. */
export const secretsSchema = z.object({
  PROXIES_SX_API_KEY: nonEmpty,
  STRIPE_SECRET_KEY: z
    .string()
    .check(z.regex(/^(sk|rk)_(test|live)_\S+$/, 'must be a Stripe secret key (sk_… or rk_…)')),
  STRIPE_WEBHOOK_SECRET: z.string().check(z.regex(/^whsec_\S+$/, 'must be a Stripe webhook signing secret (whsec_…)')),
  AUTH_SECRET: z.string().check(z.minLength(32, 'must be at least 32 characters')),
  AUTH_SECRET_PREVIOUS: z.optional(z.string().check(z.minLength(32, 'must be at least 32 characters'))),
  ENCRYPTION_KEY: z
    .string()
    .check(z.regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)')),
  RESEND_API_KEY: z.optional(z.string()),
  /** Cloudflare Turnstile's secret key of the widget whose sitekey is TURNSTILE_SITE_KEY. */
  TURNSTILE_SECRET_KEY: z.optional(
    z
      .string()
      .check(z.regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be a Turnstile secret key (Cloudflare dashboard → Turnstile)')),
  ),
});

export const SECRET_NAMES = Object.keys(secretsSchema.shape) as (keyof typeof secretsSchema.shape)[];
export const JSON_VARS = new Set(['BRAND', 'PRICING']);
