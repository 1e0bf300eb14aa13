// How long a key's traffic lasts at the pace it is used, from the same daily series the dashboard, the console and
// /api/v1/usage show. Pure: no imports but types.
import type { UsageDay } from './dashboard.ts';

const DAY_MS = 86_400_000;
/** The pace is the traffic per day of the last week (or since the key's first traffic in it, if that is later). */
export const PACE_DAYS = 7;

export type UsageForecast =
  /** Nothing is left. */
  | { kind: 'used_up' }
  /** No traffic in the last PACE_DAYS days: no pace to go by. */
  | { kind: 'idle' }
  /** At `mbPerDay`, what is left is used up around `at` (unix ms), before the key expires (if it does). */
  | { kind: 'runs_out'; at: number; mbPerDay: number }
  /** At `mbPerDay`, the key expires (`expiresAt`) with traffic left. */
  | { kind: 'outlasts_expiry'; expiresAt: number; mbPerDay: number };

/** Midnight (UTC) of a `YYYY-MM-DD` day. */
const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * When the key runs out at the current pace: `days` is the daily series (any order), `leftMb` what is left of the
 * cap, `expiresAt` when the key expires (null: never), `now` unix ms. The pace counts at least one whole day, so an
 * hour's burst after a purchase does not promise doom.
 */
export function usageForecast(
  days: readonly UsageDay[],
  leftMb: number,
  expiresAt: number | null,
  now: number,
): UsageForecast {
  if (leftMb <= 0) return { kind: 'used_up' };
  const weekStart = dayStart(new Date(now).toISOString().slice(0, 10)) - (PACE_DAYS - 1) * DAY_MS;
  const recent = days.filter((d) => dayStart(d.date) >= weekStart && d.inMB + d.outMB > 0);
  const total = recent.reduce((sum, d) => sum + d.inMB + d.outMB, 0);
  if (total <= 0) return { kind: 'idle' };
  const since = Math.min(...recent.map((d) => dayStart(d.date)));
  const mbPerDay = total / Math.max(1, (now - since) / DAY_MS);
  const at = now + (leftMb / mbPerDay) * DAY_MS;
  if (expiresAt !== null && at >= expiresAt) return { kind: 'outlasts_expiry', expiresAt, mbPerDay };
  return { kind: 'runs_out', at, mbPerDay };
}
