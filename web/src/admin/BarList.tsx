// The console's horizontal bars (its overview compares GB and revenue per tier with them): beside the charts the
// dashboard shares (components/Charts.tsx), so a customer's traffic chart does not carry them.
import { type ChartPoint, DataTable } from '../components/Charts.tsx';
import { t } from '../i18n.ts';

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
      <svg
        viewBox={`0 0 ${width} ${points.length * row}`}
        role="img"
        aria-label={`${title}: ${summary || t('chart.noData')}`}
      >
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
