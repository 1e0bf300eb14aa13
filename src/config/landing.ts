// The landing page's sections: the reseller's own from BRAND.landing, or defaults drawn from the tiers, the countries
// and the gateway (prices, validity, countries, ports and the real proxy URL grammar), so a new shop sells from day one.

import { tierIn } from '../shared/api.ts';
import { countryName, formatDays, formatDaysRange, formatGbRange, formatMoney } from '../shared/format.ts';
import { languageTag } from '../shared/i18n/locales.ts';
import { currentLocale, t } from '../shared/i18n/translate.ts';
import type { FaqEntry, LandingContent, LandingItem } from '../shared/landing.ts';
import { buildProxyUrl, PROTOCOL_PORTS, ROTATION_MODES } from '../shared/proxy-url.ts';
import type { Config } from './index.ts';

/** "a, b and c" (or "a, b or c") in the page's language. */
function list(words: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(languageTag(currentLocale()), { type }).format(words);
}

/** The facts the defaults are written from. */
function facts(config: Config, currency: string) {
  const tiers = config.tiers.map((tier) => tierIn(tier, currency));
  const cheapest = tiers.reduce((best, tier) => (tier.pricePerGb < best.pricePerGb ? tier : best));
  const gbs = tiers.map((tier) => tier.gb);
  const days = [...new Set(tiers.flatMap((tier) => (tier.validityDays ? [tier.validityDays] : [])))].sort(
    (a, b) => a - b,
  );
  const minutes = ROTATION_MODES.map((m) => /^auto(\d+)$/.exec(m)?.[1]).filter((m): m is string => m !== undefined);
  const first = days[0];
  const last = days.at(-1);
  return {
    countries: list(config.countries.map((code) => countryName(code))),
    countryCount: config.countries.length,
    fromPerGb: formatMoney(cheapest.pricePerGb, cheapest.currency),
    gbRange: formatGbRange(Math.min(...gbs), Math.max(...gbs)),
    validity:
      first !== undefined && last !== undefined
        ? t('landing.validFor', { days: first === last ? formatDays(first) : formatDaysRange(first, last) })
        : t('landing.noExpiry'),
    minutes: list(minutes, 'disjunction'),
    http: String(PROTOCOL_PORTS.http),
    socks: String(PROTOCOL_PORTS.socks5),
  };
}

function defaultFeatures(f: ReturnType<typeof facts>): LandingItem[] {
  return [
    {
      title: t('landing.f.mobile'),
      text:
        f.countryCount === 1
          ? t('landing.oneCountry', { countries: f.countries })
          : t('landing.countries', { count: f.countryCount, countries: f.countries }),
    },
    { title: t('landing.f.rotation'), text: t('landing.f.rotationText', { minutes: f.minutes }) },
    { title: t('landing.f.sticky'), text: t('landing.f.stickyText') },
    { title: t('landing.f.protocols'), text: t('landing.f.protocolsText', { http: f.http, socks: f.socks }) },
    {
      title: t('landing.f.payg'),
      text: t('landing.f.paygText', { perGb: f.fromPerGb, traffic: f.gbRange, validity: f.validity }),
    },
  ];
}

function defaultSteps(config: Config): LandingItem[] {
  return [
    { title: t('landing.s.choose'), text: t('landing.s.chooseText', { tiers: list(config.tiers.map((x) => x.name)) }) },
    { title: t('landing.s.key'), text: t('landing.s.keyText') },
    { title: t('landing.s.copy'), text: t('landing.s.copyText') },
  ];
}

function defaultFaq(config: Config, f: ReturnType<typeof facts>): FaqEntry[] {
  return [
    { question: t('landing.q.what'), answer: t('landing.a.what') },
    { question: t('landing.q.rotation'), answer: t('landing.a.rotation', { minutes: f.minutes }) },
    { question: t('landing.q.sticky'), answer: t('landing.a.sticky') },
    { question: t('landing.q.protocols'), answer: t('landing.a.protocols', { http: f.http, socks: f.socks }) },
    { question: t('landing.q.countries'), answer: t('landing.a.countries', { countries: f.countries }) },
    { question: t('landing.q.subscription'), answer: t('landing.a.subscription', { validity: f.validity }) },
    { question: t('landing.q.runOut'), answer: t('landing.a.runOut') },
    { question: t('landing.q.refund'), answer: t('landing.a.refund', { email: config.brand.supportEmail }) },
  ];
}

/** A curl call through the gateway with the shop's own username grammar: country, sticky session, HTTP. */
function codeSample(config: Config): LandingContent['code'] {
  const built = buildProxyUrl({
    host: config.upstream.gatewayHost,
    username: config.upstream.username,
    key: 'YOUR_KEY',
    pool: 'mbl',
    country: config.defaultCountry,
    sid: 'session_1',
    rotation: 'sticky',
  });
  if (!built.ok) return null;
  return {
    intro: t('landing.codeIntro', { country: countryName(config.defaultCountry) }),
    sample: `curl -x '${built.url}' https://api.ipify.org`,
  };
}

/** The landing page in the current locale (call it inside `inLocale`), its prices in `currency`. */
export function landingContent(config: Config, currency = config.currency): LandingContent {
  const { brand } = config;
  const own = brand.landing ?? {};
  const f = facts(config, currency);
  const shopTier = config.tiers.find((tier) => tier.highlight) ?? config.tiers[0];
  const featured = shopTier && tierIn(shopTier, currency);
  const pick = <T>(value: T | false | undefined, fallback: () => T): T | null =>
    value === false ? null : (value ?? fallback());
  return {
    hero: {
      title: own.hero?.title ?? brand.name,
      subtitle: own.hero?.subtitle ?? brand.tagline,
      primary: featured
        ? {
            label:
              own.hero?.cta ??
              t('landing.buyFeatured', { tier: featured.name, price: formatMoney(featured.price, featured.currency) }),
            href: `/checkout/${encodeURIComponent(featured.id)}`,
          }
        : { label: own.hero?.cta ?? t('landing.seePlans'), href: '#pricing' },
      secondary: { label: t('landing.comparePlans'), href: '#pricing' },
    },
    trust: pick(own.trust, () => [
      t('landing.trust.stripe'),
      t('landing.trust.noSubscription'),
      t('landing.trust.fast'),
    ]),
    features: pick(own.features, () => defaultFeatures(f)),
    steps: pick(own.steps, () => defaultSteps(config)),
    code: own.code === false ? null : codeSample(config),
    faq: pick(own.faq, () => defaultFaq(config, f)),
    support:
      own.support === false ? null : { email: brand.supportEmail, text: own.support?.text ?? t('landing.supportText') },
  };
}
