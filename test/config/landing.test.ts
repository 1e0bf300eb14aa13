// The landing page's sections: defaults written from the tiers, countries and gateway; the reseller's own from
// BRAND.landing; `false` hides a section; a bad value is named like every other config problem.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type Config, parseConfig } from '../../src/config/index.ts';
import { landingContent } from '../../src/config/landing.ts';
import { publicConfig } from '../../src/config/public.ts';
import { parseGatewayUsername } from '../../src/shared/proxy-url.ts';
import { inEnglish } from '../support/english.ts';

const base = env as unknown as Record<string, unknown>;
const brand = JSON.parse(base.BRAND as string);

function configWith(landing: unknown, pricing?: unknown): Config {
  const result = parseConfig({
    ...base,
    BRAND: JSON.stringify({ ...brand, landing }),
    ...(pricing ? { PRICING: JSON.stringify(pricing) } : {}),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

describe('the landing page’s defaults', () => {
  const content = inEnglish(() => landingContent(configWith(undefined)));

  it('sell the highlighted tier at its price, and point to the plans', () => {
    expect(content.hero).toEqual({
      title: 'Acme Mobile Proxies',
      subtitle: brand.tagline,
      primary: { label: 'Buy Pro: $69.00', href: '/checkout/pro' },
      secondary: { label: 'Compare plans', href: '#pricing' },
    });
  });

  it('state the facts from the config: countries, cheapest price per GB, sizes, validity, ports', () => {
    const text = JSON.stringify(content.features);
    expect(text).toContain(
      '7 countries: United States, United Kingdom, Germany, France, Spain, Netherlands, and Poland',
    );
    expect(text).toContain('From $5.58 per GB');
    expect(text).toContain('Buy 1–50 GB at a time, valid for 30–60 days');
    expect(text).toContain('HTTP(S) on port 7000, SOCKS5 on port 7001');
    expect(text).toContain('every 5, 10, 20, or 60 minutes');
    expect(content.steps?.map((s) => s.title)).toEqual(['Choose a plan', 'Get your key', 'Copy a proxy URL']);
    expect(content.faq?.length).toBeGreaterThanOrEqual(6);
    expect(content.support).toEqual({ email: 'support@example.com', text: expect.any(String) });
  });

  it('follow the tiers: one tier, no validity, another currency', () => {
    const single = inEnglish(() =>
      landingContent(
        configWith(undefined, { currency: 'eur', tiers: [{ id: 'only', name: 'Only', gb: 5, price: 2500 }] }),
      ),
    );
    expect(single.hero.primary).toEqual({ label: 'Buy Only: €25.00', href: '/checkout/only' });
    expect(JSON.stringify(single.features)).toContain(
      'From €5.00 per GB, no subscription. Buy 5 GB at a time, with no expiry',
    );
  });

  it('show a curl call in the gateway’s real grammar, which the gateway reads back as meant', () => {
    const sample = content.code?.sample ?? '';
    expect(sample).toBe(
      "curl -x 'http://psx_acme-mbl-us-sid-session_1-rot-sticky:YOUR_KEY@gw.proxies.sx:7000' https://api.ipify.org",
    );
    const username = /http:\/\/([^:]+):/.exec(sample)?.[1] ?? '';
    expect(parseGatewayUsername(username)).toMatchObject({
      account: 'psx_acme',
      pool: 'mbl',
      country: 'us',
      sid: 'session_1',
      rotation: 'sticky',
    });
  });
});

describe('BRAND.landing', () => {
  it('replaces a section with the reseller’s own, and hides one set to false', () => {
    const content = inEnglish(() =>
      landingContent(
        configWith({
          hero: { title: 'Proxies that just work', cta: 'Start now' },
          trust: ['Since 2019'],
          features: [{ title: 'Fast', text: 'Very fast.' }],
          steps: false,
          code: false,
          faq: [{ question: 'Why?', answer: 'Because.' }],
          support: { text: 'Ask us anything:' },
        }),
      ),
    );
    expect(content.hero).toMatchObject({
      title: 'Proxies that just work',
      subtitle: brand.tagline,
      primary: { label: 'Start now', href: '/checkout/pro' },
    });
    expect(content.trust).toEqual(['Since 2019']);
    expect(content.features).toEqual([{ title: 'Fast', text: 'Very fast.' }]);
    expect(content.steps).toBeNull();
    expect(content.code).toBeNull();
    expect(content.faq).toEqual([{ question: 'Why?', answer: 'Because.' }]);
    expect(content.support).toEqual({ email: 'support@example.com', text: 'Ask us anything:' });
    expect(inEnglish(() => landingContent(configWith({ support: false, faq: false, trust: false })))).toMatchObject({
      support: null,
      faq: null,
      trust: null,
    });
  });

  it.each([
    ['an empty question', { faq: [{ question: ' ', answer: 'x' }] }, 'landing.faq[0].question'],
    ['no features at all', { features: [] }, 'landing.features'],
    ['a too-long call to action', { hero: { cta: 'x'.repeat(41) } }, 'landing.hero.cta'],
    ['a section set to true', { steps: true }, 'landing.steps'],
  ])('names the field for %s', (_, landing, field) => {
    const result = parseConfig({ ...base, BRAND: JSON.stringify({ ...brand, landing }) });
    expect(result.ok ? [] : result.problems).toContainEqual(expect.objectContaining({ variable: 'BRAND', field }));
  });

  it('is not sent to the browser with the public config', () => {
    const config = configWith({ faq: [{ question: 'Why?', answer: 'Because.' }] });
    expect(publicConfig(config).brand).not.toHaveProperty('landing');
  });
});
