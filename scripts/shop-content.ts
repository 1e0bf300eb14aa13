// The reseller's own texts in content/ (today the legal pages: content/legal/terms.md and privacy.md): which files
// the build copies for the Worker, and what `npm run check` says about them. Texts live in files, not in BRAND,
// because a var holds at most 5 KB; a later per-language layout nests the same paths under content/<locale>/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LEGAL_FILES, legalTextProblem } from '../src/config/legal.ts';

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
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort();
}

/** Problems with the files under `root`, each naming its file: an unknown document, or a text the shop refuses. */
export function contentProblems(root = CONTENT_ROOT): { file: string; message: string }[] {
  const known = new Set(Object.values(LEGAL_FILES));
  return contentFiles(root).flatMap((file) => {
    if (!known.has(file))
      return [{ file, message: `is not a text the shop shows (it shows ${[...known].join(' and ')})` }];
    const problem = legalTextProblem(readFileSync(join(root, file), 'utf8'));
    return problem ? [{ file, message: problem }] : [];
  });
}
