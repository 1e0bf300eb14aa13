// The dashboard's and the console's "runs out around …": the pace of the last week of the daily series, against what
// is left and the key's expiry.
import { describe, expect, it } from 'vitest';
import type { UsageDay } from '../../src/shared/dashboard.ts';
import { usageForecast } from '../../src/shared/usage.ts';

const DAY = 86_400_000;
// 2026-12-07 12:00 UTC.
const NOW = Date.UTC(2026, 11, 7, 12);
const day = (date: string, inMB: number, outMB: number): UsageDay => ({ date, inMB, outMB });
/** 1 GB a day (in and out together) on each of the last `n` days, today included. */
const gbADay = (n: number) =>
  Array.from({ length: n }, (_, i) => day(new Date(NOW - i * DAY).toISOString().slice(0, 10), 200, 824));

describe('usageForecast', () => {
  it('runs out when what is left is used at the last week’s pace', () => {
    // Seven days of 1 GB each over 6.5 days (the first day from its midnight): a little over 1 GB a day.
    const forecast = usageForecast(gbADay(7), 10 * 1024, null, NOW);
    expect(forecast.kind).toBe('runs_out');
    if (forecast.kind !== 'runs_out') return;
    expect(forecast.mbPerDay).toBeCloseTo((7 * 1024) / 6.5);
    expect(forecast.at).toBeCloseTo(NOW + ((10 * 1024) / forecast.mbPerDay) * DAY);
  });

  it('counts only the last seven days, and at least one whole day', () => {
    const old = [day('2026-11-01', 50_000, 50_000)];
    expect(usageForecast(old, 1024, null, NOW)).toEqual({ kind: 'idle' });
    // An hour's 1 GB right after midnight is 1 GB a day, not 24.
    const burst = usageForecast([day('2026-12-07', 512, 512)], 2048, null, Date.UTC(2026, 11, 7, 1));
    expect(burst).toMatchObject({ kind: 'runs_out', mbPerDay: 1024 });
  });

  it('says the key expires first when it does, and nothing is left when nothing is', () => {
    const expiresAt = NOW + 3 * DAY;
    expect(usageForecast(gbADay(7), 10 * 1024, expiresAt, NOW)).toMatchObject({ kind: 'outlasts_expiry', expiresAt });
    expect(usageForecast(gbADay(7), 0, expiresAt, NOW)).toEqual({ kind: 'used_up' });
    expect(usageForecast([], 10, null, NOW)).toEqual({ kind: 'idle' });
  });
});
