// The one formatting module the Worker (emails, CSV) and the SPA share: what a reader sees for money, traffic and
// moments, and that a missing value reads the same everywhere.
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDays,
  formatDuration,
  formatGb,
  formatMoney,
  formatMoneyByCurrency,
  formatPercent,
  formatTime,
  formatUtcTime,
  isoDate,
  isoDateTime,
  NONE,
  utcTime,
} from '../../src/shared/format.ts';
import { inEnglish } from '../support/english.ts';

// 2026-11-30 14:05:09 UTC.
const AT = Date.UTC(2026, 10, 30, 14, 5, 9);

describe('money', () => {
  it('reads minor units in the currency’s own steps (cents, or whole yen)', () => {
    expect(formatMoney(6900, 'usd', 'en')).toBe('$69.00');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
  });

  it('adds several currencies side by side, and shows a dash for none', () => {
    expect(formatMoneyByCurrency({ usd: 1200, eur: 300 }, 'en')).toBe('$12.00 + €3.00');
    expect(formatMoneyByCurrency({}, 'en')).toBe(NONE);
  });
});

describe('traffic', () => {
  it('shows whole GB plainly, small amounts to two decimals, and a dash when unknown', () => {
    expect(formatGb(10)).toBe('10 GB');
    expect(formatGb(0.5)).toBe('0.50 GB');
    expect(formatGb(12.345)).toBe('12.3 GB');
    expect(formatGb(null)).toBe(NONE);
    expect(formatGb(undefined)).toBe(NONE);
  });

  it('shows bytes in the largest fitting binary unit', () => {
    expect(formatBytes(512)).toBe('512 byte');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});

describe('in each language', () => {
  it('writes money, traffic and days by Intl: symbols, separators and unit words of the locale', () => {
    expect(formatMoney(6400, 'eur', 'de')).toBe('64,00\u00a0€');
    expect(formatMoney(34900, 'brl', 'pt-br')).toBe('R$\u00a0349,00');
    expect(formatMoney(6900, 'usd', 'zh-cn')).toBe('US$69.00');
    expect(formatGb(12.345, 'de')).toBe('12,3\u00a0GB');
    expect(formatDays(1, 'ru')).toBe('1 день');
    expect(formatDays(5, 'ru')).toBe('5 дней');
    expect(formatDays(30, 'de')).toBe('30 Tage');
  });

  it('spans durations and percentages in the locale’s words', () => {
    expect(formatDuration(3 * 3_600_000 + 12 * 60_000, 'de')).toBe('3 Std., 12 Min.');
    expect(formatPercent(80, 'de')).toBe('80\u00a0%');
    expect(formatPercent(80, 'en')).toBe('80%');
  });
});

describe('moments', () => {
  it('formats for screens in the given locale, from unix ms or an ISO string alike', () => {
    expect(formatDate(AT, 'en')).toBe('Nov 30, 2026');
    expect(formatDate(new Date(AT).toISOString(), 'en')).toBe('Nov 30, 2026');
    expect(formatDate(AT, 'de')).toBe('30.11.2026');
    expect(formatDateTime(AT, 'zh-cn')).toMatch(/^2026年11月30日 14:05$/);
    expect(formatUtcTime(AT, 'de')).toBe('14:05 UTC');
  });

  it('shows a dash for a moment that is not there', () => {
    for (const format of [formatDate, formatDateTime, formatTime]) {
      expect(format(null)).toBe(NONE);
      expect(format(undefined)).toBe(NONE);
    }
  });

  it('gives emails and files the UTC ISO forms, whatever the locale', () => {
    expect(isoDateTime(AT)).toBe('2026-11-30T14:05:09.000Z');
    expect(isoDate(AT)).toBe('2026-11-30');
    expect(utcTime(AT)).toBe('14:05');
  });

  it('says how long is left in the two largest units', () => {
    expect(inEnglish(() => formatDuration(30_000))).toBe('less than a minute');
    expect(formatDuration((3 * 24 + 5) * 3_600_000)).toBe('3 days 5 hr');
    expect(formatDuration(65 * 60_000)).toBe('1 hr 5 min');
  });
});
