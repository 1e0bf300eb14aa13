// Small charts as inline SVG (no chart library): each is an image with a one-line summary for screen readers,
// a tooltip per bar, and the same numbers as a table one click away.
import { type Column, Table } from '../components/Table.tsx';

export interface ChartPoint {
  label: string;
  value: number;
  /** The value as text (money, GB). */
  display: string;
  /** A shorter text next to a bar, when `display` is long (the table keeps `display`). */
  short?: string;
}

function DataTable({ caption, points, column }: { caption: string; points: ChartPoint[]; column: string }) {
  const columns: Column<ChartPoint>[] = [
    { head: column, rowHeader: true, cell: (p) => p.label },
    { head: 'Value', cell: (p) => p.display },
  ];
  return (
    <details class="chart-data">
      <summary>Show as a table</summary>
      <Table caption={caption} columns={columns} rows={points} rowKey={(p) => p.label} />
    </details>
  );
}

/** Vertical bars over time (e.g. revenue per day), with the first and last label under the axis. */
export function ColumnChart({
  title,
  summary,
  points,
  column = 'Day',
}: {
  title: string;
  summary: string;
  points: ChartPoint[];
  column?: string;
}) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = width / Math.max(1, points.length);
  const bar = Math.max(1, slot * 0.7);
  const first = points.at(0);
  const last = points.at(-1);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        role="img"
        aria-label={`${title}: ${summary}`}
        preserveAspectRatio="none"
      >
        <line x1="0" y1={height} x2={width} y2={height} class="axis" />
        {points.map((p, i) => {
          const h = (p.value / max) * (height - 8);
          return (
            <rect
              key={p.label}
              x={i * slot + (slot - bar) / 2}
              y={height - h}
              width={bar}
              height={Math.max(h, p.value > 0 ? 1 : 0)}
              class="chart-bar"
            >
              <title>{`${p.label}: ${p.display}`}</title>
            </rect>
          );
        })}
        {first && last && (
          <>
            <text x="0" y={height + 16} class="tick">
              {first.label}
            </text>
            <text x={width} y={height + 16} class="tick" text-anchor="end">
              {last.label}
            </text>
          </>
        )}
      </svg>
      <DataTable caption={title} points={points} column={column} />
    </figure>
  );
}

/** Horizontal bars to compare a few quantities (e.g. GB sold, granted, used; revenue per tier). */
export function BarList({ title, points, column = 'Item' }: { title: string; points: ChartPoint[]; column?: string }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const row = 26;
  const labelWidth = 90;
  const valueWidth = 110;
  const width = 400;
  const summary = points.map((p) => `${p.label} ${p.display}`).join(', ');
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${points.length * row}`} role="img" aria-label={`${title}: ${summary || 'no data'}`}>
        {points.map((p, i) => {
          const w = ((width - labelWidth - valueWidth) * p.value) / max;
          return (
            <g key={p.label}>
              <text x="0" y={i * row + 18} class="label">
                {p.label.length > 12 ? `${p.label.slice(0, 11)}…` : p.label}
              </text>
              <rect
                x={labelWidth}
                y={i * row + 5}
                width={Math.max(w, p.value > 0 ? 2 : 0)}
                height={row - 10}
                class="chart-bar"
              >
                <title>{`${p.label}: ${p.display}`}</title>
              </rect>
              <text x={labelWidth + w + 6} y={i * row + 18} class="value">
                {p.short ?? p.display}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable caption={title} points={points} column={column} />
    </figure>
  );
}
