// Small charts as inline SVG (no chart library): each is an image with a one-line summary for screen readers, a
// tooltip per bar, and the same numbers as a table one click away. The console's overview draws its revenue with them,
// and the dashboard and a customer's page in the console the key's traffic (UsageHistory): one chunk for both, which
// the dashboard fetches when it shows the chart.
import type { UsageAnswer, UsageDay } from '../../../src/shared/dashboard.ts';
import { formatBytes, formatDate } from '../../../src/shared/format.ts';
import { PACE_DAYS, usageForecast } from '../../../src/shared/usage.ts';
import { useResource } from '../state/resource.ts';
import { LoadState } from './LoadState.tsx';
import { type Column, Table } from './Table.tsx';

export interface ChartPoint {
  label: string;
  value: number;
  /** The value as text (money, GB). */
  display: string;
  /** A shorter text next to a bar, when `display` is long (the table keeps `display`). */
  short?: string;
  /** The parts the bar stacks, bottom up, one per series of the chart (their values add up to `value`). */
  parts?: { value: number; display: string }[];
}

function DataTable({
  caption,
  points,
  column,
  series = [],
}: {
  caption: string;
  points: ChartPoint[];
  column: string;
  series?: string[];
}) {
  const columns: Column<ChartPoint>[] = [
    { head: column, rowHeader: true, cell: (p) => p.label },
    ...series.map((name, i): Column<ChartPoint> => ({ head: name, cell: (p) => p.parts?.[i]?.display ?? '' })),
    { head: series.length ? 'Total' : 'Value', cell: (p) => p.display },
  ];
  return (
    <details class="chart-data">
      <summary>Show as a table</summary>
      <Table caption={caption} columns={columns} rows={points} rowKey={(p) => p.label} />
    </details>
  );
}

/** Vertical bars over time (e.g. revenue per day), stacked by `series` when given, with the first and last label
 * under the axis. The bars stretch to the figure's width at a fixed height, so the figure is as tall on any screen. */
export function ColumnChart({
  title,
  summary,
  points,
  column = 'Day',
  series,
}: {
  title: string;
  summary: string;
  points: ChartPoint[];
  column?: string;
  /** Names of the stacked parts (a legend under the chart, a column each in the table). */
  series?: string[];
}) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = width / Math.max(1, points.length);
  const bar = Math.max(1, slot * 0.7);
  const scale = (value: number) => (value / max) * (height - 4);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg
        class="columns"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${title}: ${summary}`}
        preserveAspectRatio="none"
      >
        <line x1="0" y1={height} x2={width} y2={height} class="axis" />
        {points.map((p, i) => {
          // Each part's series, height and top: stacked on the parts below it.
          const heights = (p.parts ?? [p]).map((part) => Math.max(scale(part.value), part.value > 0 ? 1 : 0));
          const stack = heights.map((h, n) => ({
            series: `part-${n}`,
            h,
            top: height - heights.slice(0, n + 1).reduce((sum, below) => sum + below, 0),
          }));
          return (
            <g key={p.label}>
              <title>{`${p.label}: ${p.display}`}</title>
              {stack.map(({ series, h, top }) => (
                <rect
                  key={series}
                  x={i * slot + (slot - bar) / 2}
                  y={top}
                  width={bar}
                  height={h}
                  class={`chart-bar ${series}`}
                />
              ))}
            </g>
          );
        })}
      </svg>
      <div class="chart-ticks" aria-hidden="true">
        <span>{points.at(0)?.label}</span>
        <span>{points.at(-1)?.label}</span>
      </div>
      {series && (
        <p class="chart-legend" aria-hidden="true">
          {series.map((name, n) => (
            <span key={name}>
              <span class={`swatch part-${n}`} /> {name}
            </span>
          ))}
        </p>
      )}
      <DataTable caption={title} points={points} column={column} series={series} />
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

const MB = 1024 * 1024;
const bytes = (mb: number) => formatBytes(mb * MB);
/** Midnight (UTC) of a `YYYY-MM-DD` day, shown as the reader's date. */
const dayLabel = (d: UsageDay) => formatDate(Date.parse(`${d.date}T00:00:00Z`));

/** When what is left runs out at the last week's pace, in a sentence. */
function forecastText(days: UsageDay[], leftMb: number | null, expiresAt: number | null): string {
  if (leftMb === null) return 'What is left is not known right now.';
  const forecast = usageForecast(days, leftMb, expiresAt, Date.now());
  switch (forecast.kind) {
    case 'used_up':
      return 'All traffic is used.';
    case 'idle':
      return `No traffic in the last ${PACE_DAYS} days: what is left lasts until it is used.`;
    case 'runs_out':
      return `At the last ${PACE_DAYS} days’ pace (${bytes(forecast.mbPerDay)} a day), the traffic runs out around ${formatDate(forecast.at)}.`;
    case 'outlasts_expiry':
      return `At the last ${PACE_DAYS} days’ pace (${bytes(forecast.mbPerDay)} a day), the traffic lasts beyond the key’s expiry on ${formatDate(forecast.expiresAt)}.`;
  }
}

/**
 * A key's traffic per day, in and out, over the last 30 days (the daily series the dashboard, the console and
 * /api/v1/usage share), and when what is left (`leftMb`) runs out at the current pace, or that the key expires first.
 */
export function UsageHistory({
  load,
  leftMb,
  expiresAt,
}: {
  load: () => Promise<UsageAnswer>;
  leftMb: number | null;
  expiresAt: number | null;
}) {
  const usage = useResource(load);
  return (
    <LoadState state={usage} loading="Loading the traffic per day…">
      {({ available, days }) => {
        if (!available) return <p class="muted">The proxy platform does not report this key’s traffic per day.</p>;
        const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
        const total = sorted.reduce((sum, d) => sum + d.inMB + d.outMB, 0);
        const points: ChartPoint[] = sorted.map((d) => ({
          label: dayLabel(d),
          value: d.inMB + d.outMB,
          display: bytes(d.inMB + d.outMB),
          parts: [
            { value: d.inMB, display: bytes(d.inMB) },
            { value: d.outMB, display: bytes(d.outMB) },
          ],
        }));
        return (
          <>
            <ColumnChart
              title={`Traffic in and out, last ${sorted.length} days`}
              summary={`${bytes(total)} in total`}
              points={points}
              series={['In', 'Out']}
            />
            <p class="forecast">{forecastText(sorted, leftMb, expiresAt)}</p>
          </>
        );
      }}
    </LoadState>
  );
}
