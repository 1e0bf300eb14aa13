// Every formatter of the shop, shared by the Worker (pages, emails, CSV) and the SPA: money (integer minor units),
// traffic, dates and durations, all by Intl in a locale: the page's by default (src/shared/i18n/translate.ts), the
// customer's for mail. Files and machines get ISO forms.
import { type Locale, languageTag } from './i18n/locales.ts';
import { currentLocale, t } from './i18n/translate.ts';

/** What a missing value shows as. */
export const NONE = '—';

const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

/** Minor units per major unit for a Stripe currency (100 for usd, 1 for jpy). */
export function minorUnitsPer(currency: string): number {
  return ZERO_DECIMAL.has(currency.toLowerCase()) ? 1 : 100;
}

export function formatMoney(minor: number, currency: string, locale: Locale = currentLocale()): string {
  return new Intl.NumberFormat(languageTag(locale), { style: 'currency', currency: currency.toUpperCase() }).format(
    minor / minorUnitsPer(currency),
  );
}

/** Amounts in several currencies (minor units by currency code): `$12.00 + €3.00`. */
export function formatMoneyByCurrency(money: Record<string, number>, locale: Locale = currentLocale()): string {
  const entries = Object.entries(money);
  return entries.length ? entries.map(([currency, amount]) => formatMoney(amount, currency, locale)).join(' + ') : NONE;
}

/** A currency's name in the locale (`Euro`, `US-Dollar`). */
export function currencyName(currency: string, locale: Locale = currentLocale()): string {
  return new Intl.DisplayNames(languageTag(locale), { type: 'currency' }).of(currency.toUpperCase()) ?? currency;
}

/** A whole percentage in the locale (`80 %`, `80%`, `%80`). */
export function formatPercent(percent: number, locale: Locale = currentLocale()): string {
  return new Intl.NumberFormat(languageTag(locale), { style: 'percent' }).format(percent / 100);
}

export const MB_PER_GB = 1024;

export function mbToGb(mb: number): number {
  return mb / MB_PER_GB;
}

/** An amount of a unit in the locale's words (`10 GB`, `10 Go`, `3 days`, `5 Std.`). */
function unitFormat(unit: string, locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return new Intl.NumberFormat(languageTag(locale), { style: 'unit', unit, unitDisplay: 'short', ...options });
}

/** Traffic: whole GB plainly, small amounts to two decimals, larger ones to one. */
export function formatGb(gb: number | null | undefined, locale: Locale = currentLocale()): string {
  if (gb === null || gb === undefined) return NONE;
  const fine = gb < 10 && !Number.isInteger(gb);
  return unitFormat('gigabyte', locale, {
    minimumFractionDigits: fine ? 2 : 0,
    maximumFractionDigits: fine ? 2 : 1,
  }).format(gb);
}

/** A range of traffic: `1–50 GB`. */
export function formatGbRange(from: number, to: number, locale: Locale = currentLocale()): string {
  return from === to ? formatGb(from, locale) : unitFormat('gigabyte', locale).formatRange(from, to);
}

/** Bytes in the largest fitting unit (binary steps), e.g. `1.4 MB`. */
export function formatBytes(bytes: number, locale: Locale = currentLocale()): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unitFormat(units[unit] ?? 'byte', locale, {
    maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1,
  }).format(value);
}

/** A number of days in words (`30 days`, `30 Tage`). */
export function formatDays(days: number, locale: Locale = currentLocale()): string {
  return unitFormat('day', locale, { unitDisplay: 'long' }).format(days);
}

/** A range of days in words (`30–90 days`). */
export function formatDaysRange(from: number, to: number, locale: Locale = currentLocale()): string {
  return unitFormat('day', locale, { unitDisplay: 'long' }).formatRange(from, to);
}

/** A time span for humans, to the two largest units: `12 days 3 hr`, `5 hr 12 min`, `12 min`, `less than a minute`. */
export function formatDuration(ms: number, locale: Locale = currentLocale()): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t('format.underMinute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: [number, string][] =
    days > 0
      ? [
          [days, 'day'],
          [hours, 'hour'],
        ]
      : hours > 0
        ? [
            [hours, 'hour'],
            [mins, 'minute'],
          ]
        : [[mins, 'minute']];
  const words = parts.filter(([n], i) => i === 0 || n > 0).map(([n, unit]) => unitFormat(unit, locale).format(n));
  return new Intl.ListFormat(languageTag(locale), { type: 'unit', style: 'narrow' }).format(words);
}

const REGION_NAMES = new Map<Locale, Intl.DisplayNames>();

export function countryName(code: string, locale: Locale = currentLocale()): string {
  let names = REGION_NAMES.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([languageTag(locale)], { type: 'region' });
    REGION_NAMES.set(locale, names);
  }
  return names.of(code.toUpperCase()) ?? code.toUpperCase();
}

/** A moment as unix ms or an ISO string. */
export type Instant = number | string;

function localFormat(options: Intl.DateTimeFormatOptions) {
  return (at: Instant | null | undefined, locale: Locale = currentLocale()): string =>
    at === null || at === undefined ? NONE : new Date(at).toLocaleString(languageTag(locale), options);
}

/** A date in the locale: `Nov 30, 2026`. */
export const formatDate = localFormat({ dateStyle: 'medium' });
/** A date and time in the locale: `Nov 30, 2026, 2:05 PM`. */
export const formatDateTime = localFormat({ dateStyle: 'medium', timeStyle: 'short' });
/** A time of day in the locale: `2:05:09 PM`. */
export const formatTime = localFormat({ timeStyle: 'medium' });
/** A moment for text whose reader's time zone is unknown (mail, the API's sentences): `Nov 30, 2026, 2:05 PM UTC`. */
export const formatUtcDateTime = localFormat({
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
/** The time of day in UTC: `2:05 PM UTC`. */
export const formatUtcTime = localFormat({
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** `2026-11-30T14:05:09.000Z`, for files and machines. */
export function isoDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** The UTC date: `2026-11-30`. */
export function isoDate(ms: number): string {
  return isoDateTime(ms).slice(0, 10);
}

/** The UTC time to the minute: `14:05`. */
export function utcTime(ms: number): string {
  return isoDateTime(ms).slice(11, 16);
}

/** A moment for machines' text (CSV, logs): `2026-11-30 14:05 UTC`. */
export function utcDateTime(ms: number): string {
  return `${isoDate(ms)} ${utcTime(ms)} UTC`;
}
