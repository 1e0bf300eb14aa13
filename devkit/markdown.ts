// Markdown tables for the reports the tools print and write into the README: columns padded to one width, so the
// table reads as well in a terminal and in the README's source as rendered.

type Cell = string | number;

const width = (text: string) => [...text].length;
const padded = (text: string, to: number) => text + ' '.repeat(to - width(text));

/** A markdown table of `header` and `rows`, each column padded to its widest cell. */
export function markdownTable(header: string[], rows: Cell[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => width(row[i] ?? ''))));
  const line = (row: string[]) => `| ${widths.map((w, i) => padded(row[i] ?? '', w)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join('\n');
}
