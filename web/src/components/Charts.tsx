// Small charts as inline SVG (no chart library): each is an image with a one-line summary for screen readers, a
// tooltip per bar, and the same numbers as a table one click away. The console's overview draws its revenue with them,
// and the dashboard and a customer's page in the console the key's traffic (UsageHistory): one chunk for both, which
// the dashboard fetches when it shows the chart.
import type { UsageAnswer, UsageDay } from '../../../src/shared/dashboard.ts';
import { formatBytes, formatDate } from '../../../src/shared/format.ts';
import { PACE_DAYS, usageForecast } from '../../../src/shared/usage.ts';
import { t } from '../i18n.ts';
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

export function DataTable({
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
    { head: series.length ? t('chart.total') : t('chart.value'), cell: (p) => p.display },
  ];
  return (
    <details class="chart-data">
      <summary>{t('chart.asTable')}</summary>
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
  column = t('chart.day'),
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

const MB = 1024 * 1024;
const bytes = (mb: number) => formatBytes(mb * MB);
/** Midnight (UTC) of a `YYYY-MM-DD` day, shown as the reader's date. */
const dayLabel = (d: UsageDay) => formatDate(Date.parse(`${d.date}T00:00:00Z`));

/** When what is left runs out at the last week's pace, in a sentence. */
function forecastText(days: UsageDay[], leftMb: number | null, expiresAt: number | null): string {
  if (leftMb === null) return t('traffic.unknown');
  const forecast = usageForecast(days, leftMb, expiresAt, Date.now());
  switch (forecast.kind) {
    case 'used_up':
      return t('traffic.usedUp');
    case 'idle':
      return t('traffic.idle', { days: PACE_DAYS });
    case 'runs_out':
      return t('traffic.runsOut', { days: PACE_DAYS, perDay: bytes(forecast.mbPerDay), date: formatDate(forecast.at) });
    case 'outlasts_expiry':
      return t('traffic.outlasts', {
        days: PACE_DAYS,
        perDay: bytes(forecast.mbPerDay),
        date: formatDate(forecast.expiresAt),
      });
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
    <LoadState state={usage} loading={t('traffic.loading')}>
      {({ available, days }) => {
        if (!available) return <p class="muted">{t('traffic.unavailable')}</p>;
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
              title={t('traffic.chartTitle', { count: sorted.length })}
              summary={t('traffic.total', { traffic: bytes(total) })}
              points={points}
              series={[t('traffic.in'), t('traffic.out')]}
            />
            <p class="forecast">{forecastText(sorted, leftMb, expiresAt)}</p>
          </>
        );
      }}
    </LoadState>
  );
}
