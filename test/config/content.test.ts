// The reseller's words per language (content/<locale>/shop.json): validated as `npm run check` names problems,
// laid over BRAND's and PRICING's words, which stay the fallback; and the pages in that language show them.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseLocaleContent, withLocaleContent } from '../../src/config/content.ts';
import { getConfig } from '../../src/config/index.ts';
import { call } from '../support/index.ts';

const config = getConfig(env);

describe('a language’s own words', () => {
  it('replace the tagline, a tier’s words and the landing sections, and nothing else', () => {
    const parsed = parseLocaleContent(
      'fr',
      JSON.stringify({
        tagline: 'Des IP mobiles.',
        tiers: { pro: { name: 'Pro FR' } },
        landing: { trust: ['Paiement sûr'] },
      }),
      config.tiers,
    );
    expect(parsed.ok).toBe(true);
    const fr = withLocaleContent(config, parsed.ok ? parsed.content : null);
    expect(fr.brand.tagline).toBe('Des IP mobiles.');
    expect(fr.tiers.find((t) => t.id === 'pro')).toMatchObject({ name: 'Pro FR', tagline: 'For daily scraping' });
    expect(fr.tiers.find((t) => t.id === 'starter')?.name).toBe('Starter');
    expect(fr.brand.landing).toEqual({ trust: ['Paiement sûr'] });
    expect(fr.brand.legal).toBe(config.brand.legal);
    expect(withLocaleContent(config, null)).toBe(config);
  });

  it('name what is wrong: bad JSON, an unknown field (legal texts are files of their own), an empty text, a tier PRICING does not have', () => {
    const problems = (json: string) => {
      const parsed = parseLocaleContent('de', json, config.tiers);
      return parsed.ok ? [] : parsed.problems;
    };
    expect(problems('{')).toEqual([{ variable: 'content/de/shop.json', field: '', message: 'is not valid JSON' }]);
    expect(problems('{"legal":{"terms":"Die Bedingungen im Ganzen."}}')).toContainEqual(
      expect.objectContaining({ variable: 'content/de/shop.json' }),
    );
    expect(problems('{"slogan":"x"}')).toContainEqual(expect.objectContaining({ variable: 'content/de/shop.json' }));
    expect(problems('{"tagline":"  "}')).toContainEqual(expect.objectContaining({ field: 'tagline' }));
    expect(problems('{"tiers":{"gold":{"name":"Gold"}}}')).toContainEqual(
      expect.objectContaining({ field: 'tiers.gold', message: 'is not a tier id in PRICING' }),
    );
  });
});

describe('the pages in a language with its own words', () => {
  it('show the shipped German tagline and tier taglines on /de/, and BRAND’s on /', async () => {
    const de = await (await call('/de/')).text();
    expect(de).toContain('<p class="lead">Echte mobile 4G/5G-IPs in den Ländern, die du brauchst, nach Gigabyte.</p>');
    expect(de).toContain('<p class="muted">Für tägliches Scraping</p>');
    expect(de).toContain('<meta name="description" content="Echte mobile 4G/5G-IPs');
    const en = await (await call('/')).text();
    expect(en).toContain('<p class="muted">For daily scraping</p>');
  });
});
