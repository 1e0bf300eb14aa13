// The reseller's own texts in content/: the legal pages (content/legal/terms.md and privacy.md, and per language
// content/<locale>/legal/…) and each language's words (content/<locale>/shop.json): which files the build copies for
// the Worker, and what `npm run check` says about them. Texts live in files, not in BRAND, because a var holds at
// most 5 KB.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseLocaleContent, shopWordsFile } from '../src/config/content.ts';
import { LEGAL_DOCS, legalFiles, legalTextProblem } from '../src/config/legal.ts';
import type { Tier } from '../src/shared/api.ts';
import { isLocale, SHIPPED_LOCALES } from '../src/shared/i18n/locales.ts';

export const CONTENT_ROOT = 'content';

/** Every text file under `root` (relative, `/`-separated), except the folder's own README.md. */
export function contentFiles(root = CONTENT_ROOT): string[] {
  if (!existsSync(root)) return [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  return walk(root)
    .map((file) => relative(root, file).split('\\').join('/'))
    .filter((file) => /\.(md|json)$/.test(file) && file !== 'README.md')
    .sort();
}

/** Every file the shop reads from content/. */
const KNOWN = new Set(
  SHIPPED_LOCALES.flatMap((locale) => [shopWordsFile(locale), ...LEGAL_DOCS.flatMap((doc) => legalFiles(doc, locale))]),
);

/** Problems with the files under `root`, each naming its file: an unknown file, or a text the shop refuses (a tier
 * a language's words name must be one of `tiers`, PRICING's when it is valid). */
export function contentProblems(
  root = CONTENT_ROOT,
  tiers?: readonly Pick<Tier, 'id'>[],
): { file: string; message: string }[] {
  return contentFiles(root).flatMap((file) => {
    if (!KNOWN.has(file))
      return [
        {
          file,
          message: `is not a text the shop shows (it shows legal/terms.md and legal/privacy.md, and per language <locale>/legal/… and <locale>/shop.json, for ${SHIPPED_LOCALES.join(', ')})`,
        },
      ];
    const text = readFileSync(join(root, file), 'utf8');
    const locale = file.split('/')[0];
    if (file.endsWith('.json') && isLocale(locale)) {
      const parsed = parseLocaleContent(locale, text, tiers);
      return parsed.ok
        ? []
        : parsed.problems.map((p) => ({ file, message: p.field ? `${p.field}: ${p.message}` : p.message }));
    }
    const problem = legalTextProblem(text);
    return problem ? [{ file, message: problem }] : [];
  });
}
