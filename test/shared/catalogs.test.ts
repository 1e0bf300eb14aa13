// The message catalogs: every language has every English key and no other, each message has English's placeholders
// and the plural forms its language needs, every key is used by the code, and a locale's build inlines its words.
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/shared/i18n/catalogs/index.ts';
import { inlineMessages, keysIn, MessageKeyError } from '../../src/shared/i18n/compile.ts';
import { languageTag, SHIPPED_LOCALES } from '../../src/shared/i18n/locales.ts';
import { placeholderNames } from '../../src/shared/i18n/message.ts';

const { en } = CATALOGS;
const englishKeys = Object.keys(en).sort();

// Every module of the Worker and the SPA, as text (Vite reads them for the test).
const sources = import.meta.glob(['../../src/**/*.{ts,tsx}', '../../web/src/**/*.{ts,tsx}', '!**/i18n/catalogs/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('the catalogs', () => {
  it('reads the code', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
  });

  for (const locale of SHIPPED_LOCALES) {
    const catalog = CATALOGS[locale];
    it(`${locale} has exactly English's keys`, () => {
      expect(Object.keys(catalog).sort()).toEqual(englishKeys);
    });

    it(`${locale} keeps every placeholder of English's messages, and no other`, () => {
      const differ = englishKeys.filter(
        (key) =>
          JSON.stringify(placeholderNames(catalog[key as keyof typeof en])) !==
          JSON.stringify(placeholderNames(en[key as keyof typeof en])),
      );
      expect(differ).toEqual([]);
    });

    it(`${locale} gives each plural message every form its language has`, () => {
      const categories = new Intl.PluralRules(languageTag(locale)).resolvedOptions().pluralCategories;
      const missing = Object.entries(catalog).flatMap(([key, message]) =>
        typeof message === 'string' ? [] : categories.filter((c) => !(c in message)).map((c) => `${key}.${c}`),
      );
      expect(missing).toEqual([]);
    });

    if (locale !== 'en')
      it(`${locale} is translated: most messages differ from English`, () => {
        const same = englishKeys.filter(
          (key) => JSON.stringify(catalog[key as keyof typeof en]) === JSON.stringify(en[key as keyof typeof en]),
        );
        // A few words are the same in both (`API`, `Support` in German …); a copy of English is not a translation.
        expect(same.length).toBeLessThan(englishKeys.length / 10);
      });
  }

  it('has no key the code does not use', () => {
    const used = new Set(Object.values(sources).flatMap((code) => keysIn(code)));
    expect(englishKeys.filter((key) => !used.has(key))).toEqual([]);
  });

  it('has every key the code uses', () => {
    const unknown = Object.entries(sources).flatMap(([file, code]) =>
      keysIn(code)
        .filter((key) => !(key in en))
        .map((key) => `${file}: ${key}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe("a locale's build", () => {
  const code = `import { t, rich } from '../i18n.ts';\nconst a = t('site.signIn');\nconst b = t('tiers.buy', { tier });\n`;

  it('puts the locale’s words where the keys were: plain text as a string, a message with placeholders as the message', () => {
    const inlined = inlineMessages(code, CATALOGS.de, 'x.tsx');
    expect(inlined).toContain(`const a = ${JSON.stringify(CATALOGS.de['site.signIn'])};`);
    expect(inlined).toContain(`t(${JSON.stringify(CATALOGS.de['tiers.buy'])}, { tier })`);
    expect(inlined).not.toContain("'site.signIn'");
  });

  it('fails on a key no catalog has, and on a key that is not a literal', () => {
    expect(() => inlineMessages(`${code}t('site.nope');`, CATALOGS.de, 'x.tsx')).toThrow(MessageKeyError);
    expect(() => inlineMessages(`${code}t(key);`, CATALOGS.de, 'x.tsx')).toThrow(/literal message key/);
  });

  it('leaves a module that translates nothing as it is', () => {
    const plain = 'const t = (x) => x;\nt(1);\n';
    expect(inlineMessages(plain, CATALOGS.de, 'y.ts')).toBe(plain);
  });
});
