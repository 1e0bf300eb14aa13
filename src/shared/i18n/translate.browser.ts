// ./translate.ts as a locale's build of the SPA runs it: the build has already put the locale's message where each
// `t('key')` or `rich('key')` was (./compile.ts), so these only fill placeholders and choose plural forms.
import type { Locale } from './locales.ts';
import { formatMessage, type Message, messageParts, type ParamValue } from './message.ts';

/** The locale of this build (vite.config.ts defines it per build). */
declare const __SHOP_LOCALE__: Locale;

export function currentLocale(): Locale {
  return __SHOP_LOCALE__;
}

export function t(message: Message, params?: Record<string, ParamValue>): string {
  return typeof message === 'string' && !params ? message : formatMessage(message, params, __SHOP_LOCALE__);
}

export function rich<T>(message: Message, params: Record<string, ParamValue | T>): (string | T)[] {
  return messageParts<T>(message, params, __SHOP_LOCALE__);
}
