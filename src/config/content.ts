// The reseller's own words per language: `content/<locale>/shop.json` (its legal texts are files beside it,
// src/config/legal.ts), copied by the build beside the manifests and read by the Worker through its assets (a var
// holds 5 KB: not enough for a landing page in seven languages). Everything in a file is optional and falls back to
// BRAND and PRICING's words, which are the default language's, and to the shipped defaults. `npm run check`
// validates every file (scripts/shop-content.ts).
import type { Tier } from '../shared/api.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import * as z from '../zod.ts';
import { type Config, type ConfigProblem, fieldPath } from './index.ts';
import { landingSchema } from './schema.ts';

const words = (max: number) => z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max));

export const localeContentSchema = z.strictObject({
  /** BRAND.tagline in this language (the hero's subtitle and the pages' description). */
  tagline: z.optional(words(200)),
  /** BRAND.landing in this language, section by section. */
  landing: z.optional(landingSchema),
  /** A tier's name and tagline in this language, by its id in PRICING. */
  tiers: z.optional(
    z.record(z.string(), z.strictObject({ name: z.optional(words(40)), tagline: z.optional(words(120)) })),
  ),
});

export type LocaleContent = z.infer<typeof localeContentSchema>;

/** A locale's file under content/ (`de/shop.json`). */
export const shopWordsFile = (locale: Locale) => `${locale}/shop.json`;

/** A file's text as content, or what is wrong with it (named as `npm run check` names a var's problems); the tiers
 * it names must be PRICING's (unchecked without `tiers`, when PRICING itself is invalid). */
export function parseLocaleContent(
  locale: Locale,
  json: string,
  tiers: readonly Pick<Tier, 'id'>[] | undefined,
): { ok: true; content: LocaleContent } | { ok: false; problems: ConfigProblem[] } {
  const variable = `content/${shopWordsFile(locale)}`;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, problems: [{ variable, field: '', message: 'is not valid JSON' }] };
  }
  const parsed = localeContentSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        variable,
        field: fieldPath(issue.path),
        message: issue.message,
      })),
    };
  const unknown = tiers ? Object.keys(parsed.data.tiers ?? {}).filter((id) => !tiers.some((t) => t.id === id)) : [];
  if (unknown.length)
    return {
      ok: false,
      problems: unknown.map((id) => ({ variable, field: `tiers.${id}`, message: 'is not a tier id in PRICING' })),
    };
  return { ok: true, content: parsed.data };
}

/** The config with a locale's own words over BRAND's and PRICING's (unchanged without a file). */
export function withLocaleContent(config: Config, content: LocaleContent | null): Config {
  if (!content) return config;
  const { brand } = config;
  return {
    ...config,
    brand: {
      ...brand,
      tagline: content.tagline ?? brand.tagline,
      landing: content.landing ?? brand.landing,
    },
    tiers: config.tiers.map((tier) => ({ ...tier, ...content.tiers?.[tier.id] })),
  };
}
