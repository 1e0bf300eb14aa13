// Every formatter of the shop, shared by the Worker (emails, CSV) and the SPA: money (integer minor units), traffic,
// dates and durations. Screens format in the reader's locale; emails and files use ISO forms, since their reader's
// locale is unknown.

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

export function formatMoney(minor: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(
    minor / minorUnitsPer(currency),
  );
}

/** Amounts in several currencies (minor units by currency code): `$12.00 + €3.00`. */
export function formatMoneyByCurrency(money: Record<string, number>, locale?: string): string {
  const entries = Object.entries(money);
  return entries.length ? entries.map(([currency, amount]) => formatMoney(amount, currency, locale)).join(' + ') : NONE;
}

export const MB_PER_GB = 1024;

export function mbToGb(mb: number): number {
  return mb / MB_PER_GB;
}

export function formatGb(gb: number | null | undefined): string {
  if (gb === null || gb === undefined) return NONE;
  return `${gb >= 10 || Number.isInteger(gb) ? Math.round(gb * 10) / 10 : gb.toFixed(2)} GB`;
}

const REGION_NAMES =
  typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : undefined;

export function countryName(code: string): string {
  return REGION_NAMES?.of(code.toUpperCase()) ?? code.toUpperCase();
}

/** Bytes in the largest fitting unit (KB, MB, GB; binary steps), e.g. `1.4 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 || value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A time span for humans, to the two largest units: `12 days 3 h`, `5 h 12 min`, `12 min`, `less than a minute`. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'}${hours ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${mins ? ` ${mins} min` : ''}`;
  return `${mins} min`;
}

/** A moment as unix ms or an ISO string. */
export type Instant = number | string;

function localFormat(options: Intl.DateTimeFormatOptions) {
  return (at: Instant | null | undefined, locale?: string): string =>
    at === null || at === undefined ? NONE : new Date(at).toLocaleString(locale, options);
}

/** A date in the reader's locale: `Nov 30, 2026`. */
export const formatDate = localFormat({ dateStyle: 'medium' });
/** A date and time in the reader's locale: `Nov 30, 2026, 2:05 PM`. */
export const formatDateTime = localFormat({ dateStyle: 'medium', timeStyle: 'short' });
/** A time of day in the reader's locale: `2:05:09 PM`. */
export const formatTime = localFormat({ timeStyle: 'medium' });

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

/** A moment for text that cannot know the reader's locale (mail, the API's sentences): `2026-11-30 14:05 UTC`. */
export function utcDateTime(ms: number): string {
  return `${isoDate(ms)} ${utcTime(ms)} UTC`;
}
