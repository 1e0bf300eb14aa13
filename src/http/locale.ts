// The visitor's language for the app's pages and their currency, remembered in cookies (src/site/locale.ts and
// currency.ts read them): the language set when they enter the app from a localized page, sign in, or choose one in
// the dashboard; the currency when they choose one with the switcher.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config/index.ts';
import { type Locale, negotiateLocale, offeredOr } from '../shared/i18n/locales.ts';
import type { AppEnv } from './context.ts';

/** The cookie that remembers the visitor's language (not a secret: the page's scripts may read it). */
export const LOCALE_COOKIE = 'shop_locale';

const A_YEAR_S = 365 * 24 * 60 * 60;

/** The cookie that remembers the currency the visitor chose. */
export const CURRENCY_COOKIE = 'shop_currency';

export function rememberCurrency<E extends AppEnv>(c: Context<E>, currency: string): void {
  setCookie(c, CURRENCY_COOKIE, currency, { path: '/', secure: true, sameSite: 'Lax', maxAge: A_YEAR_S });
}

/** The language of whoever asks: the one they chose (the cookie), else the one their browser prefers, else the shop's. */
export function askersLocale<E extends AppEnv>(
  c: Context<E>,
  config: Pick<Config, 'locales' | 'defaultLocale'>,
): Locale {
  const browser = negotiateLocale(c.req.header('accept-language'), config.locales);
  return offeredOr(getCookie(c, LOCALE_COOKIE), config.locales, browser ?? config.defaultLocale);
}

/** The asker's language with its catalog loaded, for answers that carry sentences (a key's banner, a pause);
 * `named`, the one the request itself names (the page asking), comes first. */
export async function askersLanguage<E extends AppEnv>(c: Context<E>, named?: Locale | null): Promise<Locale> {
  const { services } = c.var;
  const locale = named ?? askersLocale(c, services.config);
  await services.loadCatalog(locale);
  return locale;
}

export function rememberLocale<E extends AppEnv>(c: Context<E>, locale: Locale): void {
  setCookie(c, LOCALE_COOKIE, locale, { path: '/', secure: true, sameSite: 'Lax', maxAge: A_YEAR_S });
}
