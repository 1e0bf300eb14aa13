// Traffic used of the cap, with warning levels (75 % warn, 90 % danger), and the key's expiry countdown.
import { useState } from 'preact/hooks';
import type { AccountKey } from '../../../src/shared/dashboard.ts';
import {
  formatDateTime,
  formatDuration,
  formatGb,
  formatPercent,
  formatTime,
  mbToGb,
} from '../../../src/shared/format.ts';
import { rich, t } from '../i18n.ts';
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
    ? t('usage.used', { used: formatGb(usedGb), cap: formatGb(capGb), percent: formatPercent(percent) })
    : t('usage.unavailable');
  const low =
    known && level !== 'ok'
      ? percent >= 100
        ? t('usage.allUsed')
        : t('usage.runningLow', { left: formatGb(Math.max(0, capGb - usedGb)) })
      : '';
  const updated = account.at.value ? t('usage.updated', { time: formatTime(account.at.value) }) : '';
  return (
    <div class="usage">
      <div class="usage-head">
        <span id="usage-label">{t('usage.traffic')}</span>
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
      <p class="hint">{[low, updated].filter(Boolean).join(' ')}</p>
    </div>
  );
}

export function Expiry({ expiresAt }: { expiresAt: number | null }) {
  const [now, setNow] = useState(Date.now());
  useVisibleInterval(() => setNow(Date.now()), 30_000, expiresAt !== null);
  if (expiresAt === null) return <p class="expiry">{t('expiry.none')}</p>;
  const left = expiresAt - now;
  const date = formatDateTime(expiresAt);
  return (
    <p class={`expiry ${left <= 0 ? 'danger' : left < 3 * 86_400_000 ? 'warn' : ''}`}>
      {left <= 0
        ? t('expiry.expired', { date })
        : rich('expiry.in', {
            duration: <strong>{formatDuration(left)}</strong>,
            date: <span class="muted">({date})</span>,
          })}
    </p>
  );
}
