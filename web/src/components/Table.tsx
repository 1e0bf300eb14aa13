// The one data table: a caption (for screen readers; a heading names it on screen), column headers with their
// scope, a key per row, and a scroll region around it for narrow screens.
import type { ComponentChildren } from 'preact';
import { ScrollRegion } from './ScrollRegion.tsx';

export interface Column<T> {
  /** The header's text; also the column's key, so unique within a table. */
  head: string;
  /** Only for screen readers (a column of buttons). */
  hideHead?: boolean;
  cell: (row: T) => ComponentChildren;
  /** The cells' class (`mono`, `break`). */
  class?: string;
  /** The column that names each row: its cells are row headers. */
  rowHeader?: boolean;
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
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.head} scope="col">
                {c.hideHead ? <span class="visually-hidden">{c.head}</span> : c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => {
                const Cell = c.rowHeader ? 'th' : 'td';
                return (
                  <Cell key={c.head} scope={c.rowHeader ? 'row' : undefined} class={c.class}>
                    {c.cell(row)}
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
