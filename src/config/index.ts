// Parses and validates every var and secret once per isolate; everything else reads the typed Config.

import { DomainError } from '../domain-error.ts';
import type { ShopTier } from '../shared/api.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import * as z from '../zod.ts';
import { type ConfigProblem, crossCheckVars, productionSecretProblems } from './cross-checks.ts';
import { JSON_VARS, secretsSchema, varsSchema } from './schema.ts';

export type { ConfigProblem, ShopTier as Tier };

export interface Config {
  env: 'production' | 'development' | 'test';
  publicUrl: string;
  brand: z.infer<typeof varsSchema.shape.BRAND>;
  /** The shop's own currency (PRICING.currency). */
  currency: string;
  /** Every currency the tiers are priced in, the shop's own first. */
  currencies: string[];
  tiers: ShopTier[];
  countries: string[];
  /** The languages the shop speaks (LOCALES), the default one (DEFAULT_LOCALE) among them. */
  locales: Locale[];
  defaultLocale: Locale;
  defaultCountry: string;
  upstream: { apiUrl: string; apiKey: string; username: string; gatewayHost: string };
  stripe: { apiUrl: string; secretKey: string; webhookSecret: string };
  auth: { secret: string; previousSecret?: string };
  encryptionKey: string;
  mail: {
    transport: 'cloudflare' | 'resend' | 'outbox';
    from: string;
    outboxUrl?: string;
    resendApiKey?: string;
    retryDelaySeconds: number;
    /** MAIL_FAILURE_WINDOW_MINUTES, in ms: how long a transport failure keeps mail failing (src/mail/health.ts). */
    failureWindowMs: number;
  };
  adminEmails: string[];
  keys: {
    /** The most GB one key may hold (CAP_CEILING_GB): past it the customer is rolled onto a new key. */
    capCeilingGb: number;
    /** How long the old key keeps working after a rollover (KEY_ROLLOVER_GRACE_HOURS), in ms. */
    rolloverGraceMs: number;
  };
  limits: {
    loginLinksPerDay: number;
    /** Sign-in mails an hour past which addresses without an account get no new link (LOGIN_MAILS_PER_HOUR). */
    loginMailsPerHour: number;
    /** Sign-in mails an hour past which a new address must pass the challenge (LOGIN_CHALLENGE_AFTER). */
    loginChallengeAfter: number;
  };
  /** Cloudflare Turnstile, the challenge of sign-in under pressure; null when the shop has none set up. */
  turnstile: { siteKey: string; secretKey: string; verifyUrl: string } | null;
  reminders: {
    /** Percentages of the cap that trigger a usage reminder, largest first (REMINDER_USAGE_PERCENTS). */
    usagePercents: number[];
    /** Days before expiry that trigger a reminder, largest first (REMINDER_EXPIRY_DAYS). */
    expiryDays: number[];
  };
  /** Where the platform's live view of a key is kept between dashboard reads (LIVE_KEY_CACHE, `auto` resolved). */
  liveKeyCache: 'cache-api' | 'kv' | 'off';
  /** The highest monthly limit a customer may set for auto top-up (minor units); 0: auto top-up is off. */
  autoTopUpMaxMonthly: number;
  checkout: { promotionCodes: boolean; automaticTax: boolean; invoice: boolean; adaptivePricing: boolean };
  api: {
    /** Live personal access tokens per customer (API_TOKENS_PER_CUSTOMER). */
    tokensPerCustomer: number;
    /** Requests per minute per token (API_REQUESTS_PER_MINUTE, the API_TOKEN_LIMITER binding's limit). */
    requestsPerMinute: number;
    /** Requests per minute per customer, all tokens together (API_CUSTOMER_PER_MINUTE, API_CUSTOMER_LIMITER). */
    customerRequestsPerMinute: number;
  };
}

/**
 * A var or secret is wrong: the message lists the problems for the operator; whoever asked is answered 503
 * `config_invalid` with no detail.
 */
export class ConfigError extends DomainError<'config_invalid'> {
  override readonly name = 'ConfigError';
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(
      'config_invalid',
      `Invalid configuration:\n${formatProblems(problems)}`,
      { config_invalid: 503 },
      { publicMessage: 'The shop is not configured correctly. The operator has been told.' },
    );
    this.problems = problems;
  }
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

export function formatProblems(problems: ConfigProblem[]): string {
  return problems.map((p) => `  ${p.variable}${p.field ? ` → ${p.field}` : ''}: ${p.message}`).join('\n');
}

/** A zod issue's path as the problems name it: `tiers[1].gb`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

/** JSON vars arrive as strings from wrangler.toml/.dev.vars; objects are accepted as they are. */
function decodeJsonVars(raw: Record<string, unknown>, problems: ConfigProblem[]): Record<string, unknown> {
  const decoded: Record<string, unknown> = { ...raw };
  for (const name of JSON_VARS) {
    const value = raw[name];
    if (typeof value !== 'string') continue;
    try {
      decoded[name] = JSON.parse(value);
    } catch (err) {
      problems.push({ variable: name, field: '', message: `is not valid JSON (${(err as Error).message})` });
    }
  }
  return decoded;
}

function collect(schema: z.ZodMiniType, input: Record<string, unknown>, problems: ConfigProblem[]) {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const [variable, ...rest] = issue.path;
    problems.push({ variable: String(variable ?? '(config)'), field: fieldPath(rest), message: issue.message });
  }
  return undefined;
}

/** Validates only the vars (what `npm run check` can see offline). */
export function parseVars(input: Record<string, unknown>): {
  vars?: z.infer<typeof varsSchema>;
  problems: ConfigProblem[];
} {
  const jsonProblems: ConfigProblem[] = [];
  const decoded = decodeJsonVars(dropEmpty(input), jsonProblems);
  const schemaProblems: ConfigProblem[] = [];
  const vars = collect(varsSchema, decoded, schemaProblems) as z.infer<typeof varsSchema> | undefined;
  // A var that is not JSON at all has its one clear problem already; drop the schema's echo of it.
  const unparsed = new Set(jsonProblems.map((p) => p.variable));
  const problems = [...jsonProblems, ...schemaProblems.filter((p) => !unparsed.has(p.variable))];
  if (vars) problems.push(...crossCheckVars(vars));
  return { vars: problems.length ? undefined : vars, problems };
}

/** An empty var (`AUTH_SECRET_PREVIOUS=` in .dev.vars) means "not set". */
function dropEmpty(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')));
}

/**
 * Checks only the secrets given (`npm run check` validates those set in its environment), with production's rules
 * when `shopEnv` is production.
 */
export function checkSecrets(given: Record<string, unknown>, shopEnv: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const secrets = collect(z.partial(secretsSchema), dropEmpty(given), problems) as
    | Partial<z.infer<typeof secretsSchema>>
    | undefined;
  if (secrets && shopEnv === 'production') problems.push(...productionSecretProblems(secrets));
  return problems;
}

export function parseConfig(input: Record<string, unknown>): ConfigResult {
  const raw = dropEmpty(input);
  const { vars, problems } = parseVars(raw);
  const secrets = collect(secretsSchema, raw, problems) as z.infer<typeof secretsSchema> | undefined;
  if (secrets && raw.SHOP_ENV === 'production') problems.push(...productionSecretProblems(secrets));
  if (secrets && vars?.MAIL_TRANSPORT === 'resend' && !secrets.RESEND_API_KEY)
    problems.push({ variable: 'RESEND_API_KEY', field: '', message: 'is required when MAIL_TRANSPORT is "resend"' });
  if (secrets && vars && Boolean(vars.TURNSTILE_SITE_KEY) !== Boolean(secrets.TURNSTILE_SECRET_KEY))
    problems.push(
      vars.TURNSTILE_SITE_KEY
        ? { variable: 'TURNSTILE_SECRET_KEY', field: '', message: 'is required when TURNSTILE_SITE_KEY is set' }
        : { variable: 'TURNSTILE_SITE_KEY', field: '', message: 'is required when TURNSTILE_SECRET_KEY is set' },
    );
  if (!vars || !secrets || problems.length) return { ok: false, problems };
  const currency = vars.PRICING.currency;
  const pricesOf = (price: number | Record<string, number>) =>
    typeof price === 'number' ? { [currency]: price } : price;
  const tiers = vars.PRICING.tiers.map(({ price, ...t }) => {
    const prices = pricesOf(price);
    const base = prices[currency] ?? 0;
    return { ...t, prices, price: base, currency, pricePerGb: Math.round(base / t.gb) };
  });
  return {
    ok: true,
    config: {
      env: vars.SHOP_ENV,
      publicUrl: vars.PUBLIC_URL.replace(/\/+$/, ''),
      brand: vars.BRAND,
      currency,
      currencies: [currency, ...Object.keys(tiers[0]?.prices ?? {}).filter((c) => c !== currency)],
      tiers,
      countries: vars.COUNTRIES,
      locales: vars.LOCALES as Locale[],
      defaultLocale: vars.DEFAULT_LOCALE as Locale,
      defaultCountry: vars.DEFAULT_COUNTRY,
      upstream: {
        apiUrl: vars.PROXIES_SX_API_URL.replace(/\/+$/, ''),
        apiKey: secrets.PROXIES_SX_API_KEY,
        username: vars.PROXIES_SX_USERNAME,
        gatewayHost: vars.GATEWAY_HOST,
      },
      stripe: {
        apiUrl: vars.STRIPE_API_URL,
        secretKey: secrets.STRIPE_SECRET_KEY,
        webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
      },
      auth: { secret: secrets.AUTH_SECRET, previousSecret: secrets.AUTH_SECRET_PREVIOUS || undefined },
      encryptionKey: secrets.ENCRYPTION_KEY,
      mail: {
        transport: vars.MAIL_TRANSPORT,
        from: vars.MAIL_FROM,
        outboxUrl: vars.MAIL_OUTBOX_URL,
        resendApiKey: secrets.RESEND_API_KEY || undefined,
        retryDelaySeconds: vars.MAIL_RETRY_DELAY_SECONDS,
        failureWindowMs: vars.MAIL_FAILURE_WINDOW_MINUTES * 60_000,
      },
      adminEmails: (vars.ADMIN_EMAILS ?? '')
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
      keys: { capCeilingGb: vars.CAP_CEILING_GB, rolloverGraceMs: vars.KEY_ROLLOVER_GRACE_HOURS * 3_600_000 },
      limits: {
        loginLinksPerDay: vars.LOGIN_LINKS_PER_DAY,
        loginMailsPerHour: vars.LOGIN_MAILS_PER_HOUR,
        loginChallengeAfter: vars.LOGIN_CHALLENGE_AFTER,
      },
      turnstile:
        vars.TURNSTILE_SITE_KEY && secrets.TURNSTILE_SECRET_KEY
          ? {
              siteKey: vars.TURNSTILE_SITE_KEY,
              secretKey: secrets.TURNSTILE_SECRET_KEY,
              verifyUrl: vars.TURNSTILE_VERIFY_URL,
            }
          : null,
      reminders: {
        usagePercents: descending(vars.REMINDER_USAGE_PERCENTS),
        expiryDays: descending(vars.REMINDER_EXPIRY_DAYS),
      },
      liveKeyCache: liveKeyCacheFor(vars.LIVE_KEY_CACHE, vars.PUBLIC_URL),
      autoTopUpMaxMonthly: vars.AUTO_TOP_UP_MAX_MONTHLY,
      checkout: {
        promotionCodes: vars.CHECKOUT_PROMOTION_CODES,
        automaticTax: vars.CHECKOUT_AUTOMATIC_TAX,
        invoice: vars.CHECKOUT_INVOICE,
        adaptivePricing: vars.CHECKOUT_ADAPTIVE_PRICING,
      },
      api: {
        tokensPerCustomer: vars.API_TOKENS_PER_CUSTOMER,
        requestsPerMinute: vars.API_REQUESTS_PER_MINUTE,
        customerRequestsPerMinute: vars.API_CUSTOMER_PER_MINUTE,
      },
    },
  };
}

const descending = (items: string[]) => items.map(Number).sort((a, b) => b - a);

/** The Cache API works only on a custom domain, not on *.workers.dev, where `auto` keeps the view in KV instead. */
function liveKeyCacheFor(choice: 'auto' | 'cache-api' | 'kv' | 'off', publicUrl: string): Config['liveKeyCache'] {
  if (choice !== 'auto') return choice;
  return new URL(publicUrl).hostname.endsWith('.workers.dev') ? 'kv' : 'cache-api';
}

const cache = new WeakMap<object, ConfigResult>();

/** The parsed config for this env object, computed once per isolate. */
export function readConfig(env: object): ConfigResult {
  let result = cache.get(env);
  if (!result) {
    result = parseConfig(env as Record<string, unknown>);
    cache.set(env, result);
  }
  return result;
}

/** The config, or a ConfigError (which the API reports as 503 without internals). */
export function getConfig(env: object): Config {
  const result = readConfig(env);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}
