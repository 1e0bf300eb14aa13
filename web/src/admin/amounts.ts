// An amount in a form field (the console's refund): typed in major units, sent in minor units. Only the console uses
// it, so it stays out of the shop's initial JS; the currency rules are format.ts's.
import { minorUnitsPer } from '../../../src/shared/format.ts';

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
