// Traffic used of the cap, with warning levels (75 % warn, 90 % danger), and the key's expiry countdown.
import { useState } from 'preact/hooks';
import type { AccountKey } from '../../../src/shared/dashboard.ts';
import { formatDateTime, formatDuration, formatGb, formatTime, mbToGb } from '../../../src/shared/format.ts';
import { account } from '../state/account.ts';
import { useVisibleInterval } from '../state/visible.ts';

export function usageLevel(percent: number): 'ok' | 'warn' | 'danger' {
  return percent >= 90 ? 'danger' : percent >= 75 ? 'warn' : 'ok';
}

export function UsageBar({ usage }: { usage: AccountKey }) {
  const { usedMb, capGb } = usage;
  const known = usedMb !== null && capGb !== null && capGb > 0;
  const usedGb = known ? mbToGb(usedMb) : 0;
  const percent = known ? Math.min(100, Math.round((usedGb / capGb) * 1000) / 10) : 0;
  const level = usageLevel(percent);
  const text = known
    ? `${formatGb(usedGb)} of ${formatGb(capGb)} used (${percent} %)`
    : 'Usage is unavailable right now';
  return (
    <div class="usage">
      <div class="usage-head">
        <span id="usage-label">Traffic</span>
        <span class={`usage-text ${known ? level : ''}`}>{text}</span>
      </div>
      <div
        class="bar"
        role="progressbar"
        aria-labelledby="usage-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
        aria-valuetext={text}
      >
        {/* Drawn by attributes, not a style attribute: the Worker's HTML draws it before any script runs, and the
            pages' CSP allows no inline style. */}
        <svg class="bar-fill" aria-hidden="true">
          <rect class={`fill ${level}`} width={`${percent}%`} height="100%" />
        </svg>
      </div>
      <p class="hint">
        {known &&
          level !== 'ok' &&
          (percent >= 100 ? 'All traffic used. ' : `Running low: ${formatGb(Math.max(0, capGb - usedGb))} left. `)}
        {account.at.value ? `Updated ${formatTime(account.at.value)}; refreshes every 30 s.` : ''}
      </p>
    </div>
  );
}

export function Expiry({ expiresAt }: { expiresAt: number | null }) {
  const [now, setNow] = useState(Date.now());
  useVisibleInterval(() => setNow(Date.now()), 30_000, expiresAt !== null);
  if (expiresAt === null) return <p class="expiry">No expiry date.</p>;
  const left = expiresAt - now;
  const date = formatDateTime(expiresAt);
  return (
    <p class={`expiry ${left <= 0 ? 'danger' : left < 3 * 86_400_000 ? 'warn' : ''}`}>
      {left <= 0 ? (
        <>Expired on {date}.</>
      ) : (
        <>
          Expires in <strong>{formatDuration(left)}</strong> <span class="muted">({date})</span>
        </>
      )}
    </p>
  );
}
