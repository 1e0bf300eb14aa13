import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseConfig, parseVars } from '../../src/config/index.ts';
import { PRODUCTION_DOMAIN, PRODUCTION_VARS } from '../support/index.ts';

const base = env as unknown as Record<string, unknown>;

function problemsWith(overrides: Record<string, unknown>) {
  const result = parseConfig({ ...base, ...overrides });
  return result.ok ? [] : result.problems;
}

const pricing = (tiers: unknown[], currency = 'usd') => JSON.stringify({ currency, tiers });

describe('config validation', () => {
  it('accepts the committed development config and derives the price per GB', () => {
    const result = parseConfig(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const pro = result.config.tiers.find((t) => t.id === 'pro')!;
    expect(pro).toMatchObject({ gb: 10, price: 6900, currency: 'usd', pricePerGb: 690 });
  });

  it.each([
    ['fractional GB', pricing([{ id: 'a', name: 'A', gb: 1.5, price: 900 }]), 'tiers[0].gb'],
    ['GB above the upstream ceiling', pricing([{ id: 'a', name: 'A', gb: 1001, price: 900 }]), 'tiers[0].gb'],
    ['price in major units', pricing([{ id: 'a', name: 'A', gb: 1, price: 9.5 }]), 'tiers[0].price'],
    [
      'duplicate tier ids',
      pricing([
        { id: 'a', name: 'A', gb: 1, price: 900 },
        { id: 'a', name: 'B', gb: 2, price: 1800 },
      ]),
      'tiers[1].id',
    ],
    ['an uppercase currency', pricing([{ id: 'a', name: 'A', gb: 1, price: 900 }], 'USD'), 'currency'],
  ])('names the field for %s', (_, PRICING, field) => {
    expect(problemsWith({ PRICING })).toContainEqual(expect.objectContaining({ variable: 'PRICING', field }));
  });

  it('reads the sign-in limits, with defaults when they are left out, and names a bad one', () => {
    const result = parseConfig({
      ...base,
      LOGIN_LINKS_PER_DAY: undefined,
      LOGIN_MAILS_PER_HOUR: 500,
      LOGIN_CHALLENGE_AFTER: undefined,
    });
    expect(result.ok && result.config.limits).toEqual({
      loginLinksPerDay: 10,
      loginMailsPerHour: 500,
      loginChallengeAfter: 50,
    });
    expect(problemsWith({ LOGIN_MAILS_PER_HOUR: 'lots' })).toContainEqual(
      expect.objectContaining({ variable: 'LOGIN_MAILS_PER_HOUR', message: 'must be a whole number' }),
    );
    expect(problemsWith({ LOGIN_LINKS_PER_DAY: '0' })).toContainEqual(
      expect.objectContaining({ variable: 'LOGIN_LINKS_PER_DAY', message: 'must be from 1 to 1000' }),
    );
  });

  it('wants the challenge before the ceiling, and Turnstile’s sitekey and secret key together', () => {
    expect(problemsWith({ LOGIN_CHALLENGE_AFTER: '300', LOGIN_MAILS_PER_HOUR: '200' })).toContainEqual(
      expect.objectContaining({
        variable: 'LOGIN_CHALLENGE_AFTER',
        message: expect.stringContaining('must not exceed'),
      }),
    );
    expect(problemsWith({ TURNSTILE_SECRET_KEY: '' })).toContainEqual(
      expect.objectContaining({
        variable: 'TURNSTILE_SECRET_KEY',
        message: 'is required when TURNSTILE_SITE_KEY is set',
      }),
    );
    expect(problemsWith({ TURNSTILE_SITE_KEY: '' })).toContainEqual(
      expect.objectContaining({
        variable: 'TURNSTILE_SITE_KEY',
        message: 'is required when TURNSTILE_SECRET_KEY is set',
      }),
    );
    expect(problemsWith({ TURNSTILE_SITE_KEY: 'not a sitekey' })).toContainEqual(
      expect.objectContaining({ variable: 'TURNSTILE_SITE_KEY' }),
    );
    const none = parseConfig({ ...base, TURNSTILE_SITE_KEY: '', TURNSTILE_SECRET_KEY: '' });
    expect(none.ok && none.config.turnstile).toBeNull();
    const configured = parseConfig(base);
    expect(configured.ok && configured.config.turnstile).toMatchObject({ siteKey: '1x00000000000000000000AA' });
  });

  it('refuses Turnstile’s test keys in production, which pass everyone', () => {
    const problems = problemsWith({ SHOP_ENV: 'production' });
    expect(problems).toContainEqual(
      expect.objectContaining({ variable: 'TURNSTILE_SITE_KEY', message: expect.stringContaining('test sitekeys') }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        variable: 'TURNSTILE_SECRET_KEY',
        message: expect.stringContaining('test secret keys'),
      }),
    );
  });

  it('reads the API limits, with defaults when they are left out, and names a bad one', () => {
    const result = parseConfig({ ...base, API_TOKENS_PER_CUSTOMER: undefined, API_REQUESTS_PER_MINUTE: '300' });
    expect(result.ok && result.config.api).toEqual({
      tokensPerCustomer: 10,
      requestsPerMinute: 300,
      customerRequestsPerMinute: 300,
    });
    expect(problemsWith({ API_TOKENS_PER_CUSTOMER: '0' })).toContainEqual(
      expect.objectContaining({ variable: 'API_TOKENS_PER_CUSTOMER', message: 'must be from 1 to 100' }),
    );
    // One token's budget must fit in its customer's, or the per-customer limit would be the only one that ever acts.
    expect(problemsWith({ API_REQUESTS_PER_MINUTE: '301' })).toContainEqual(
      expect.objectContaining({ variable: 'API_CUSTOMER_PER_MINUTE' }),
    );
  });

  it('takes the mail retry delay, and refuses retrying at once in production', () => {
    const result = parseConfig({ ...base, MAIL_RETRY_DELAY_SECONDS: undefined });
    expect(result.ok && result.config.mail.retryDelaySeconds).toBe(10);
    expect(parseVars({ ...base, SHOP_ENV: 'production', MAIL_RETRY_DELAY_SECONDS: '0' }).problems).toContainEqual(
      expect.objectContaining({ variable: 'MAIL_RETRY_DELAY_SECONDS' }),
    );
  });

  it('reports JSON that does not parse', () => {
    const [problem] = problemsWith({ BRAND: '{name: nope' });
    expect(problem).toMatchObject({ variable: 'BRAND', field: '' });
    expect(problem!.message).toMatch(/not valid JSON/);
  });

  it('names a bad brand colour', () => {
    const brand = JSON.parse(base.BRAND as string);
    expect(problemsWith({ BRAND: JSON.stringify({ ...brand, primaryColor: 'blue' }) })).toContainEqual(
      expect.objectContaining({ variable: 'BRAND', field: 'primaryColor', message: 'must be a #rrggbb colour' }),
    );
  });

  it('wants lowercase ISO-2 countries and a default among them', () => {
    expect(problemsWith({ COUNTRIES: 'us,DE' })).toContainEqual(
      expect.objectContaining({ variable: 'COUNTRIES', field: '[1]' }),
    );
    expect(problemsWith({ DEFAULT_COUNTRY: 'jp' })).toContainEqual(
      expect.objectContaining({ variable: 'DEFAULT_COUNTRY' }),
    );
  });

  it('wants the gateway host without a port (the builder adds 7000/7001)', () => {
    expect(problemsWith({ GATEWAY_HOST: 'gw.proxies.sx:7000' })).toContainEqual(
      expect.objectContaining({ variable: 'GATEWAY_HOST' }),
    );
    expect(problemsWith({ GATEWAY_HOST: 'proxy.brand.example' })).toEqual([]);
  });

  it('reads the cap ceiling and the rollover grace, with defaults, and names bad values', () => {
    const result = parseConfig({ ...base, CAP_CEILING_GB: undefined, KEY_ROLLOVER_GRACE_HOURS: undefined });
    expect(result.ok && result.config.keys).toEqual({ capCeilingGb: 1000, rolloverGraceMs: 72 * 3_600_000 });
    const partner = parseConfig({ ...base, CAP_CEILING_GB: '5000', KEY_ROLLOVER_GRACE_HOURS: '24' });
    expect(partner.ok && partner.config.keys).toEqual({ capCeilingGb: 5000, rolloverGraceMs: 24 * 3_600_000 });
    for (const CAP_CEILING_GB of ['0', '100001', 'lots', '1.5'])
      expect(problemsWith({ CAP_CEILING_GB })).toContainEqual(expect.objectContaining({ variable: 'CAP_CEILING_GB' }));
    expect(problemsWith({ KEY_ROLLOVER_GRACE_HOURS: '0' })).toContainEqual(
      expect.objectContaining({ variable: 'KEY_ROLLOVER_GRACE_HOURS' }),
    );
  });

  it('reads the reminder thresholds, auto top-up ceiling and checkout options, with defaults, and names bad values', () => {
    const defaults = parseConfig({
      ...base,
      REMINDER_USAGE_PERCENTS: undefined,
      REMINDER_EXPIRY_DAYS: undefined,
      AUTO_TOP_UP_MAX_MONTHLY: undefined,
      CHECKOUT_PROMOTION_CODES: undefined,
      CHECKOUT_AUTOMATIC_TAX: undefined,
      CHECKOUT_INVOICE: undefined,
      CHECKOUT_ADAPTIVE_PRICING: undefined,
    });
    expect(defaults.ok && defaults.config.reminders).toEqual({ usagePercents: [95, 80], expiryDays: [7, 1] });
    expect(defaults.ok && defaults.config.autoTopUpMaxMonthly).toBe(50_000);
    expect(defaults.ok && defaults.config.checkout).toEqual({
      promotionCodes: false,
      automaticTax: false,
      invoice: false,
      adaptivePricing: false,
    });
    const set = parseConfig({
      ...base,
      REMINDER_USAGE_PERCENTS: '50, 90',
      REMINDER_EXPIRY_DAYS: '3',
      CHECKOUT_PROMOTION_CODES: 'true',
      CHECKOUT_AUTOMATIC_TAX: 'true',
      CHECKOUT_INVOICE: 'true',
      CHECKOUT_ADAPTIVE_PRICING: 'true',
      PRICING: JSON.stringify({ currency: 'usd', tiers: [{ id: 'pro', name: 'Pro', gb: 10, price: 6900 }] }),
    });
    expect(set.ok && set.config.reminders).toEqual({ usagePercents: [90, 50], expiryDays: [3] });
    expect(set.ok && set.config.checkout).toEqual({
      promotionCodes: true,
      automaticTax: true,
      invoice: true,
      adaptivePricing: true,
    });
    for (const REMINDER_USAGE_PERCENTS of ['0', '100', '80,80', 'most'])
      expect(problemsWith({ REMINDER_USAGE_PERCENTS })).toContainEqual(
        expect.objectContaining({ variable: 'REMINDER_USAGE_PERCENTS' }),
      );
    expect(problemsWith({ REMINDER_EXPIRY_DAYS: '400' })).toContainEqual(
      expect.objectContaining({ variable: 'REMINDER_EXPIRY_DAYS' }),
    );
    expect(problemsWith({ AUTO_TOP_UP_MAX_MONTHLY: '-1' })).toContainEqual(
      expect.objectContaining({ variable: 'AUTO_TOP_UP_MAX_MONTHLY' }),
    );
    expect(problemsWith({ CHECKOUT_AUTOMATIC_TAX: 'yes' })).toContainEqual(
      expect.objectContaining({ variable: 'CHECKOUT_AUTOMATIC_TAX', message: 'must be "true" or "false"' }),
    );
  });

  it('wants every tier to fit in one key under the ceiling', () => {
    const big = pricing([{ id: 'bulk', name: 'Bulk', gb: 2000, price: 90000 }]);
    expect(problemsWith({ PRICING: big })).toContainEqual(
      expect.objectContaining({
        variable: 'PRICING',
        field: 'tiers[0].gb',
        message: expect.stringMatching(/CAP_CEILING_GB \(1000\)/),
      }),
    );
    expect(problemsWith({ PRICING: big, CAP_CEILING_GB: '5000' })).toEqual([]);
  });

  it('names a missing or malformed secret without quoting it', () => {
    const problems = problemsWith({ STRIPE_WEBHOOK_SECRET: 'not-a-secret', AUTH_SECRET: undefined });
    expect(problems.map((p) => p.variable)).toEqual(expect.arrayContaining(['STRIPE_WEBHOOK_SECRET', 'AUTH_SECRET']));
    expect(JSON.stringify(problems)).not.toContain('not-a-secret');
  });

  it('refuses development placeholders and the local mail outbox in production', () => {
    const problems = problemsWith({
      SHOP_ENV: 'production',
      PUBLIC_URL: 'https://shop.example.com',
      PROXIES_SX_API_URL: 'https://api.proxies.sx/v1',
      STRIPE_API_URL: 'https://api.stripe.com',
    });
    const named = problems.map((p) => p.variable);
    expect(named).toEqual(
      expect.arrayContaining(['MAIL_TRANSPORT', 'AUTH_SECRET', 'PROXIES_SX_API_KEY', 'ENCRYPTION_KEY']),
    );
  });

  it('requires https endpoints in production', () => {
    const { problems } = parseVars({ ...base, SHOP_ENV: 'production', MAIL_TRANSPORT: 'cloudflare' });
    expect(problems.map((p) => p.variable)).toEqual(
      expect.arrayContaining(['PROXIES_SX_API_URL', 'STRIPE_API_URL', 'TURNSTILE_VERIFY_URL']),
    );
  });

  it('refuses placeholder addresses in production, naming each, and takes the shop’s own', () => {
    expect(problemsWith(PRODUCTION_VARS)).toEqual([]);
    const brand = JSON.parse(PRODUCTION_VARS.BRAND as string);
    const problems = problemsWith({
      ...PRODUCTION_VARS,
      PUBLIC_URL: 'https://shop.example.com',
      MAIL_FROM: 'Acme <login@mail.example.org>',
      BRAND: JSON.stringify({ ...brand, supportEmail: 'help@acme.test' }),
    });
    expect(problems.map((p) => [p.variable, p.field])).toEqual([
      ['PUBLIC_URL', ''],
      ['MAIL_FROM', ''],
      ['BRAND', 'supportEmail'],
    ]);
    expect(problems[0]?.message).toMatch(/"shop\.example\.com" is a placeholder/);
    for (const PUBLIC_URL of ['https://localhost', 'https://127.0.0.1', 'https://shop.invalid', 'https://acme.example'])
      expect(problemsWith({ ...PRODUCTION_VARS, PUBLIC_URL }).map((p) => p.variable)).toEqual(['PUBLIC_URL']);
    // A bare address is read the same way; development keeps its example.com addresses.
    expect(problemsWith({ ...PRODUCTION_VARS, MAIL_FROM: 'login@example.net' }).map((p) => p.variable)).toEqual([
      'MAIL_FROM',
    ]);
    expect(problemsWith({ MAIL_FROM: 'login@example.com' })).toEqual([]);
    expect(problemsWith({ ...PRODUCTION_VARS, MAIL_FROM: `Acme <login@mail.${PRODUCTION_DOMAIN}>` })).toEqual([]);
  });

  it('refuses a MAIL_FROM without an address', () => {
    expect(problemsWith({ MAIL_FROM: 'Acme Proxies' })).toContainEqual(
      expect.objectContaining({ variable: 'MAIL_FROM', message: 'must be an address, or a name and <address>' }),
    );
  });

  it('says where a legal text in BRAND goes now: a file, since a var holds at most 5 KB', () => {
    const brand = JSON.parse(String(base.BRAND));
    const problems = problemsWith({
      BRAND: JSON.stringify({ ...brand, legal: { ...brand.legal, terms: '# Terms\nOur own terms of service.' } }),
    });
    expect(problems).toEqual([
      expect.objectContaining({
        variable: 'BRAND',
        field: 'legal.terms',
        message: expect.stringMatching(/content\/legal\/terms\.md/),
      }),
    ]);
  });
});

describe('languages and currencies', () => {
  const pricing = (tiers: unknown[]) => JSON.stringify({ currency: 'usd', tiers });

  it('speaks every shipped language by default, English at /', () => {
    const parsed = parseConfig({ ...base, LOCALES: undefined, DEFAULT_LOCALE: undefined });
    expect(parsed.ok && parsed.config.locales).toEqual(['en', 'de', 'es', 'pt-br', 'fr', 'ru', 'zh-cn']);
    expect(parsed.ok && parsed.config.defaultLocale).toBe('en');
  });

  it('refuses a language without a catalog, one listed twice, and a default it does not speak', () => {
    expect(problemsWith({ LOCALES: 'en,ja' })).toContainEqual(expect.objectContaining({ variable: 'LOCALES' }));
    expect(problemsWith({ LOCALES: 'en,de,de' })).toContainEqual(expect.objectContaining({ variable: 'LOCALES' }));
    expect(problemsWith({ LOCALES: 'en,de', DEFAULT_LOCALE: 'fr' })).toContainEqual(
      expect.objectContaining({ variable: 'DEFAULT_LOCALE' }),
    );
  });

  it('sells a tier in each currency it has a price in, the shop’s own first', () => {
    const parsed = parseConfig({
      ...base,
      PRICING: pricing([{ id: 'pro', name: 'Pro', gb: 10, price: { eur: 6400, usd: 6900, brl: 34900 } }]),
    });
    expect(parsed.ok && parsed.config.currencies).toEqual(['usd', 'eur', 'brl']);
    expect(parsed.ok && parsed.config.tiers[0]).toMatchObject({ price: 6900, currency: 'usd', pricePerGb: 690 });
  });

  it('refuses prices without the shop’s currency, tiers priced in different currencies, and both with Adaptive Pricing', () => {
    const noOwn = problemsWith({ PRICING: pricing([{ id: 'a', name: 'A', gb: 1, price: { eur: 900 } }]) });
    expect(noOwn).toContainEqual(expect.objectContaining({ variable: 'PRICING', field: 'tiers[0].price' }));
    const uneven = problemsWith({
      PRICING: pricing([
        { id: 'a', name: 'A', gb: 1, price: { usd: 900, eur: 800 } },
        { id: 'b', name: 'B', gb: 2, price: 1800 },
      ]),
    });
    expect(uneven).toContainEqual(expect.objectContaining({ variable: 'PRICING', field: 'tiers[1].price' }));
    const adaptive = problemsWith({
      CHECKOUT_ADAPTIVE_PRICING: 'true',
      PRICING: pricing([{ id: 'a', name: 'A', gb: 1, price: { usd: 900, eur: 800 } }]),
    });
    expect(adaptive).toContainEqual(expect.objectContaining({ variable: 'CHECKOUT_ADAPTIVE_PRICING' }));
  });
});
