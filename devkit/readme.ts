// Figures in the README that a tool measured are written by that tool between two markers, so they cannot drift from
// the tree: `<!-- NAME:begin … -->` and `<!-- NAME:end -->`. Everything outside the markers stays as written; inside a
// list item the region keeps the markers' indentation.
import { readFileSync, writeFileSync } from 'node:fs';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces what stands between the region's markers in `file` by `markdown`; throws when the markers are missing. */
export function writeReadmeRegion(region: string, markdown: string, file = 'README.md'): void {
  const text = readFileSync(file, 'utf8');
  const name = escaped(region);
  const pattern = new RegExp(
    `^([ \\t]*)(<!-- ${name}:begin[^>]*-->\\n)[\\s\\S]*?\\n([ \\t]*<!-- ${name}:end -->)$`,
    'm',
  );
  const found = pattern.exec(text);
  if (!found) throw new Error(`${file} has no region "${region}" (<!-- ${region}:begin --> … <!-- ${region}:end -->)`);
  const [whole, indent = '', begin, end] = found;
  const body = markdown
    .trim()
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
  writeFileSync(
    file,
    text.replace(whole, () => `${indent}${begin}${body}\n${end}`),
  );
  console.log(`▸ wrote the ${region} figures into ${file}`);
}
