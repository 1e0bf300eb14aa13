// Which reminders a key is due, from the shop's own record of it (the cron's usage sweep keeps that fresh): at most
// one about usage (the cap reached, or the highest percentage crossed) and one about time (the nearest expiry
// threshold crossed, or expired with GB unused). Pure.
import type { PoolKeyRow } from '../../schema.ts';
import { DAY_MS } from '../time.ts';

export interface Thresholds {
  /** Largest first. */
  usagePercents: number[];
  /** Largest first. */
  expiryDays: number[];
}

export interface DueReminder {
  /** `usage:80`, `cap`, `expiry:7`, `expired_unused`: with `basis`, the row of `reminders` that makes it once. */
  kind: string;
  reminder: 'usage' | 'cap' | 'expiry' | 'expired_unused';
  threshold: number | null;
  /** The cap (GB) a usage reminder is about, or the expiry (unix ms) a time reminder is about. */
  basis: number;
}

export function dueReminders(
  key: Pick<PoolKeyRow, 'capGb' | 'usedMb' | 'expiresAt'>,
  thresholds: Thresholds,
  now: number,
): DueReminder[] {
  const capGb = key.capGb ?? 0;
  if (capGb <= 0) return [];
  const capMb = capGb * 1024;
  const left = key.usedMb < capMb;
  const expiresAt = key.expiresAt;
  if (expiresAt !== null && expiresAt <= now)
    return left ? [{ kind: 'expired_unused', reminder: 'expired_unused', threshold: null, basis: expiresAt }] : [];

  const due: DueReminder[] = [];
  if (!left) due.push({ kind: 'cap', reminder: 'cap', threshold: null, basis: capGb });
  else {
    const percent = thresholds.usagePercents.find((p) => key.usedMb >= (capMb * p) / 100);
    if (percent !== undefined)
      due.push({ kind: `usage:${percent}`, reminder: 'usage', threshold: percent, basis: capGb });
  }
  if (left && expiresAt !== null) {
    const days = thresholds.expiryDays.findLast((d) => expiresAt - now <= d * DAY_MS);
    if (days !== undefined) due.push({ kind: `expiry:${days}`, reminder: 'expiry', threshold: days, basis: expiresAt });
  }
  return due;
}
