// The landing page's sections: the reseller's own from BRAND.landing, or defaults drawn from the tiers, the countries
// and the gateway (prices, validity, countries, ports and the real proxy URL grammar), so a new shop sells from day one.
import { countryName, formatMoney } from '../shared/format.ts';
import type { FaqEntry, LandingContent, LandingItem } from '../shared/landing.ts';
import { buildProxyUrl, PROTOCOL_PORTS, ROTATION_MODES } from '../shared/proxy-url.ts';
import type { Config } from './index.ts';

/** "a, b and c" (or "a, b or c"). */
function list(words: string[], conjunction = 'and'): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

/** The facts the defaults are written from. */
function facts(config: Config) {
  const tiers = config.tiers;
  const cheapest = tiers.reduce((best, t) => (t.pricePerGb < best.pricePerGb ? t : best));
  const gbs = tiers.map((t) => t.gb);
  const days = [...new Set(tiers.flatMap((t) => (t.validityDays ? [t.validityDays] : [])))].sort((a, b) => a - b);
  const minutes = ROTATION_MODES.map((m) => /^auto(\d+)$/.exec(m)?.[1]).filter((m): m is string => m !== undefined);
  return {
    countries: list(config.countries.map(countryName)),
    countryCount: config.countries.length,
    fromPerGb: formatMoney(cheapest.pricePerGb, cheapest.currency),
    gbRange: Math.min(...gbs) === Math.max(...gbs) ? `${gbs[0]} GB` : `${Math.min(...gbs)}–${Math.max(...gbs)} GB`,
    validity: days.length
      ? `valid ${days.length === 1 ? days[0] : `${days[0]}–${days.at(-1)}`} days`
      : 'with no expiry',
    minutes: list(minutes, 'or'),
    http: PROTOCOL_PORTS.http,
    socks: PROTOCOL_PORTS.socks5,
  };
}

function defaultFeatures(f: ReturnType<typeof facts>): LandingItem[] {
  return [
    {
      title: 'Real mobile IPs',
      text: `4G/5G carrier IPs in ${f.countryCount === 1 ? f.countries : `${f.countryCount} countries: ${f.countries}`}, and a peer pool for volume. Live availability is on this page.`,
    },
    {
      title: 'Rotation your way',
      text: `A new IP every ${f.minutes} minutes or whenever you ask, or the same one all session long: you choose per proxy URL.`,
    },
    {
      title: 'Sticky sessions',
      text: 'Name a session and keep the same device and IP for as long as you use it, up to 250 sessions at once.',
    },
    {
      title: 'HTTP and SOCKS5',
      text: `HTTP(S) on port ${f.http}, SOCKS5 on port ${f.socks}, one username and key: works with curl, Python, Node.js and any scraper.`,
    },
    {
      title: 'Pay as you go',
      text: `From ${f.fromPerGb} per GB, no subscription. Buy ${f.gbRange} at a time, ${f.validity}; top up whenever you like.`,
    },
  ];
}

function defaultSteps(config: Config): LandingItem[] {
  return [
    {
      title: 'Choose a plan',
      text: `${list(config.tiers.map((t) => t.name))}: pay once with Stripe, no account or password to set up.`,
    },
    {
      title: 'Get your key',
      text: 'Sign in with the link we email you; your proxy key is ready seconds after payment.',
    },
    {
      title: 'Copy a proxy URL',
      text: 'Pick a country, rotation and session in your dashboard and paste the URL into your tool.',
    },
  ];
}

function defaultFaq(config: Config, f: ReturnType<typeof facts>): FaqEntry[] {
  return [
    {
      question: 'What are mobile proxies for?',
      answer:
        'Seeing the web as phone users do: price and ad checks, market research, account management and scraping that data-centre IPs get blocked from. Your requests leave through real 4G/5G devices.',
    },
    {
      question: 'How does rotation work?',
      answer: `By default you get a new IP every 10 minutes. Choose every ${f.minutes} minutes, or a new IP whenever you ask for one; your dashboard builds the URL for each.`,
    },
    {
      question: 'What is a sticky session?',
      answer:
        'Put a session id (letters, digits and _) in the proxy username and the gateway keeps that id on the same device and IP, so a login or a checkout flow is not interrupted.',
    },
    {
      question: 'HTTP or SOCKS5?',
      answer: `Both, with the same username and key: HTTP(S) on port ${f.http} and SOCKS5 on port ${f.socks}.`,
    },
    {
      question: 'Which countries can I use?',
      answer: `${f.countries}. Leave the country out and you get any device that is online.`,
    },
    {
      question: 'Is there a subscription?',
      answer: `No. You pay once per plan with Stripe; traffic is ${f.validity}. Buy more at any time and it adds to the same key.`,
    },
    {
      question: 'What happens when my traffic runs out?',
      answer: 'Your key pauses. Buy more traffic and it switches back on, with the same key and the same proxy URLs.',
    },
    {
      question: 'Can I get a refund?',
      answer: `Write to ${config.brand.supportEmail}; the terms of service say what can be refunded.`,
    },
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
    intro: `Your settings travel in the proxy username: pool, country, session id and rotation. This one keeps a ${countryName(config.defaultCountry)} mobile IP for session_1:`,
    sample: `curl -x '${built.url}' https://api.ipify.org`,
  };
}

export function landingContent(config: Config): LandingContent {
  const { brand, tiers } = config;
  const own = brand.landing ?? {};
  const f = facts(config);
  const featured = tiers.find((t) => t.highlight) ?? tiers[0];
  const pick = <T>(value: T | false | undefined, fallback: () => T): T | null =>
    value === false ? null : (value ?? fallback());
  return {
    hero: {
      title: own.hero?.title ?? brand.name,
      subtitle: own.hero?.subtitle ?? brand.tagline,
      primary: featured
        ? {
            label: own.hero?.cta ?? `Buy ${featured.name}: ${formatMoney(featured.price, featured.currency)}`,
            href: `/checkout/${encodeURIComponent(featured.id)}`,
          }
        : { label: own.hero?.cta ?? 'See the plans', href: '#pricing' },
      secondary: { label: 'Compare plans', href: '#pricing' },
    },
    trust: pick(own.trust, () => ['Secure payment by Stripe', 'No subscription', 'Your key seconds after payment']),
    features: pick(own.features, () => defaultFeatures(f)),
    steps: pick(own.steps, () => defaultSteps(config)),
    code: own.code === false ? null : codeSample(config),
    faq: pick(own.faq, () => defaultFaq(config, f)),
    support:
      own.support === false
        ? null
        : { email: brand.supportEmail, text: own.support?.text ?? 'Questions before or after buying? Write to us:' },
  };
}
