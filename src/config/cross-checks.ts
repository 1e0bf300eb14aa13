// The rules between vars and secrets that no one schema can state: limits that must fit one another, and what a
// production shop must not run with (https only, no simulator, no placeholder address, no development or test
// credential).
import type * as z from '../zod.ts';
import { addressDomain, isPlaceholderHost } from './placeholders.ts';
import { priceCurrencies, type secretsSchema, type varsSchema } from './schema.ts';

export interface ConfigProblem {
  /** The var or secret at fault, e.g. `PRICING`. */
  variable: string;
  /** The field inside a JSON var, e.g. `tiers[1].gb`; empty for the whole value. */
  field: string;
  message: string;
}

const DEV_PLACEHOLDER = /^(dev-only|psx_sim|sk_test_sim|whsec_sim|ZGV2LW9ubHkt)/;
const STRIPE_TEST_KEY = /^(sk|rk)_test_/;
/** Turnstile's documented test keys, which pass (or fail) everyone (developers.cloudflare.com/turnstile/troubleshooting/testing/). */
const TURNSTILE_TEST_SITE_KEY = /^[123]x0{20}[A-F]{2}$/;
const TURNSTILE_TEST_SECRET = /^[123]x0{31}AA$/;

/** What the vars must satisfy together, and what production refuses among them. */
export function crossCheckVars(vars: z.infer<typeof varsSchema>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!vars.COUNTRIES.includes(vars.DEFAULT_COUNTRY))
    problems.push({
      variable: 'DEFAULT_COUNTRY',
      field: '',
      message: `"${vars.DEFAULT_COUNTRY}" is not one of COUNTRIES`,
    });
  const ceiling = vars.CAP_CEILING_GB;
  vars.PRICING.tiers.forEach((tier, i) => {
    if (tier.gb > ceiling)
      problems.push({
        variable: 'PRICING',
        field: `tiers[${i}].gb`,
        message: `must not exceed CAP_CEILING_GB (${ceiling}): one key holds at most that`,
      });
  });
  if (new Set(vars.COUNTRIES).size !== vars.COUNTRIES.length)
    problems.push({ variable: 'COUNTRIES', field: '', message: 'lists a country twice' });
  if (new Set(vars.LOCALES).size !== vars.LOCALES.length)
    problems.push({ variable: 'LOCALES', field: '', message: 'lists a language twice' });
  if (!vars.LOCALES.includes(vars.DEFAULT_LOCALE))
    problems.push({ variable: 'DEFAULT_LOCALE', field: '', message: `"${vars.DEFAULT_LOCALE}" is not one of LOCALES` });
  const first = vars.PRICING.tiers[0];
  if (vars.CHECKOUT_ADAPTIVE_PRICING && first && priceCurrencies(first.price, vars.PRICING.currency).length > 1)
    problems.push({
      variable: 'CHECKOUT_ADAPTIVE_PRICING',
      field: '',
      message:
        'converts one price for each buyer: give each tier one price (in PRICING.currency), not one per currency',
    });
  if (vars.API_CUSTOMER_PER_MINUTE < vars.API_REQUESTS_PER_MINUTE)
    problems.push({
      variable: 'API_CUSTOMER_PER_MINUTE',
      field: '',
      message: `must be at least API_REQUESTS_PER_MINUTE (${vars.API_REQUESTS_PER_MINUTE}): one token's budget fits in its customer's`,
    });
  if (vars.LOGIN_CHALLENGE_AFTER > vars.LOGIN_MAILS_PER_HOUR)
    problems.push({
      variable: 'LOGIN_CHALLENGE_AFTER',
      field: '',
      message: `must not exceed LOGIN_MAILS_PER_HOUR (${vars.LOGIN_MAILS_PER_HOUR}): the challenge comes before the cap`,
    });
  if (vars.SHOP_ENV === 'production') {
    if (vars.TURNSTILE_SITE_KEY && TURNSTILE_TEST_SITE_KEY.test(vars.TURNSTILE_SITE_KEY))
      problems.push({
        variable: 'TURNSTILE_SITE_KEY',
        field: '',
        message: "is one of Turnstile's test sitekeys; use your widget's own sitekey in production",
      });
    const endpoints = ['PUBLIC_URL', 'PROXIES_SX_API_URL', 'STRIPE_API_URL'] as const;
    for (const name of vars.TURNSTILE_SITE_KEY ? [...endpoints, 'TURNSTILE_VERIFY_URL' as const] : endpoints)
      if (!vars[name].startsWith('https://'))
        problems.push({ variable: name, field: '', message: 'must use https:// in production' });
    if (vars.MAIL_RETRY_DELAY_SECONDS === 0)
      problems.push({
        variable: 'MAIL_RETRY_DELAY_SECONDS',
        field: '',
        message: 'must be at least 1 in production (0 retries at once, for tests)',
      });
    if (vars.MAIL_TRANSPORT === 'outbox')
      problems.push({
        variable: 'MAIL_TRANSPORT',
        field: '',
        message: '"outbox" is the local simulator; use "cloudflare" or "resend" in production',
      });
    problems.push(...placeholderProblems(vars));
  } else if (vars.MAIL_TRANSPORT === 'outbox' && !vars.MAIL_OUTBOX_URL) {
    problems.push({ variable: 'MAIL_OUTBOX_URL', field: '', message: 'is required when MAIL_TRANSPORT is "outbox"' });
  }
  return problems;
}

/** The template's example.com addresses (and any other placeholder) left in a production config, each by name. */
function placeholderProblems(vars: z.infer<typeof varsSchema>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const host = new URL(vars.PUBLIC_URL).hostname;
  if (isPlaceholderHost(host))
    problems.push({
      variable: 'PUBLIC_URL',
      field: '',
      message: `"${host}" is a placeholder (a name reserved for examples and tests): set your shop's own address`,
    });
  const sender = addressDomain(vars.MAIL_FROM);
  if (sender && isPlaceholderHost(sender))
    problems.push({
      variable: 'MAIL_FROM',
      field: '',
      message: `sends from "${sender}", a placeholder domain no mail arrives from: use an address on your own sender domain`,
    });
  const support = addressDomain(vars.BRAND.supportEmail);
  if (support && isPlaceholderHost(support))
    problems.push({
      variable: 'BRAND',
      field: 'supportEmail',
      message: `is on "${support}", a placeholder domain: customers' mail to it would go nowhere`,
    });
  return problems;
}

export /**
 * Secrets a production shop must not run with: the committed development placeholders, and a Stripe test-mode key
 * (with one, a live shop would mint real proxy keys for test-card payments).
 */
function productionSecretProblems(secrets: Partial<z.infer<typeof secretsSchema>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (typeof value !== 'string') continue;
    if (DEV_PLACEHOLDER.test(value))
      problems.push({
        variable: name,
        field: '',
        message: 'is a development placeholder; set the real secret with `wrangler secret put`',
      });
    else if (name === 'STRIPE_SECRET_KEY' && STRIPE_TEST_KEY.test(value))
      problems.push({
        variable: name,
        field: '',
        message: 'is a Stripe test-mode key; production needs a live key (sk_live_… or rk_live_…)',
      });
    else if (name === 'TURNSTILE_SECRET_KEY' && TURNSTILE_TEST_SECRET.test(value))
      problems.push({
        variable: name,
        field: '',
        message: "is one of Turnstile's test secret keys; use your widget's own secret key in production",
      });
  }
  return problems;
}
