// Which of the shop's currencies a visitor sees prices in: the one they chose (the switcher's `?currency=`, which is
// also the developer's override, remembered in a cookie), else their country's (Cloudflare's `request.cf.country`)
// when the shop sells in it, else the shop's own (PRICING.currency).
import type { Config } from '../config/index.ts';

/** The currency each country pays in, for the countries whose currency a reseller is likely to price in (ISO 4217;
 * the euro area as of 2026). A country missing here sees the shop's own currency. */
const COUNTRY_CURRENCY: Record<string, string> = {
  ...Object.fromEntries(
    'at be hr cy ee fi fr de gr ie it lv lt lu mt nl pt sk si es bg'.split(' ').map((cc) => [cc, 'eur']),
  ),
  us: 'usd',
  gb: 'gbp',
  br: 'brl',
  ru: 'rub',
  cn: 'cny',
  in: 'inr',
  jp: 'jpy',
  ca: 'cad',
  au: 'aud',
  ch: 'chf',
  pl: 'pln',
  mx: 'mxn',
  tr: 'try',
  id: 'idr',
  th: 'thb',
  vn: 'vnd',
  ph: 'php',
  my: 'myr',
  sg: 'sgd',
  ua: 'uah',
  kr: 'krw',
  ar: 'ars',
};

export interface CurrencyRequest {
  /** `?currency=` of the page's address, if any. */
  asked: string | undefined;
  /** The currency cookie's value, if any. */
  chosen: string | undefined;
  /** `request.cf.country` (ISO-2, uppercase), if Cloudflare gave one. */
  country: string | undefined;
}

export interface PageCurrency {
  currency: string;
  /** The visitor asked for it on this request: remember it. */
  remember: boolean;
}

export function pageCurrency(config: Config, { asked, chosen, country }: CurrencyRequest): PageCurrency {
  const sold = (code: string | undefined) =>
    code !== undefined && config.currencies.includes(code.toLowerCase()) ? code.toLowerCase() : undefined;
  const fromAsked = sold(asked);
  if (fromAsked) return { currency: fromAsked, remember: true };
  const local = country ? COUNTRY_CURRENCY[country.toLowerCase()] : undefined;
  return { currency: sold(chosen) ?? sold(local) ?? config.currency, remember: false };
}
