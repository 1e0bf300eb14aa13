// The one data table: a caption (for screen readers; a heading names it on screen), column headers with their
// scope, a key per row. Wide screens scroll it sideways when needed; narrow ones stack each row, every cell under its
// column's name (data-label). The roles are explicit (biome.json allows it here): some browsers stop exposing a table
// as one once its rows are display: block.
import type { ComponentChildren } from 'preact';
import { Breakable } from './Breakable.tsx';
import { ScrollRegion } from './ScrollRegion.tsx';

export interface Column<T> {
  /** The header's text; also the column's key, so unique within a table. */
  head: string;
  /** Only for screen readers (a column of buttons). */
  hideHead?: boolean;
  cell: (row: T) => ComponentChildren;
  /** The class of the cells' content (`mono`). */
  class?: string;
  /** Cells are long tokens (addresses, ids, JSON): text wraps only after punctuation, never inside a word. */
  tokens?: boolean;
  /** The column that names each row: its cells are row headers. */
  rowHeader?: boolean;
}

function content<T>(column: Column<T>, row: T): ComponentChildren {
  const value = column.cell(row);
  return column.tokens && typeof value === 'string' ? <Breakable text={value} /> : value;
}

export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}) {
  return (
    <ScrollRegion class="table-scroll" label={caption}>
      <table role="table">
        <caption class="visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((c) => (
              <th key={c.head} scope="col" role="columnheader">
                {c.hideHead ? <span class="visually-hidden">{c.head}</span> : c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={rowKey(row)} role="row">
              {columns.map((c) => {
                const Cell = c.rowHeader ? 'th' : 'td';
                return (
                  <Cell
                    key={c.head}
                    scope={c.rowHeader ? 'row' : undefined}
                    role={c.rowHeader ? 'rowheader' : 'cell'}
                    class={c.tokens ? 'tokens' : undefined}
                    data-label={c.hideHead ? '' : c.head}
                  >
                    <div class={c.class ? `cell ${c.class}` : 'cell'}>{content(c, row)}</div>
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
