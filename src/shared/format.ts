// Formatting helpers shared by the Worker (emails) and the SPA. Money is integer minor units.

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

const DECIMALS = (currency: string) => (minorUnitsPer(currency) === 1 ? 0 : 2);

/** Minor units as a form field shows them, without symbol or grouping: `3450` usd → `34.50`. */
export function moneyInput(minor: number, currency: string): string {
  return (minor / minorUnitsPer(currency)).toFixed(DECIMALS(currency));
}

/** An amount typed in major units (`34.50`, `34,5`, `34`) as minor units of `currency`; null when it is not one. */
export function parseMoney(text: string, currency: string): number | null {
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(text.trim());
  const fraction = match?.[2] ?? '';
  if (!match || fraction.length > DECIMALS(currency)) return null;
  return Number(match[1]) * minorUnitsPer(currency) + Number(fraction.padEnd(DECIMALS(currency), '0') || '0');
}

export const MB_PER_GB = 1024;

export function mbToGb(mb: number): number {
  return mb / MB_PER_GB;
}

export function formatGb(gb: number): string {
  return `${gb >= 10 || Number.isInteger(gb) ? Math.round(gb * 10) / 10 : gb.toFixed(2)} GB`;
}

const REGION_NAMES =
  typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : undefined;

export function countryName(code: string): string {
  return REGION_NAMES?.of(code.toUpperCase()) ?? code.toUpperCase();
}

/** Regional-indicator flag emoji for a two-letter country code. */
export function countryFlag(code: string): string {
  return String.fromCodePoint(...[...code.toUpperCase()].map((c) => 0x1f1a5 + c.charCodeAt(0)));
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
