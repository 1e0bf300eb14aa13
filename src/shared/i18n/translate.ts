// Messages by key, in a locale. The Worker holds every catalog and writes a page, a mail or an API error inside
// `inLocale(locale, …)`: writing is synchronous, so the locale set there is that text's alone, and `t` and the
// formatters (src/shared/format.ts) read it. The SPA's build never ships this module: each locale's build replaces
// every `t('key')` by that locale's message (vite.config.ts, ./compile.ts) and runs ./translate.browser.ts instead,
// so a page carries the messages it uses in its own language and nothing else.
import { CATALOGS, type English, type MessageKey } from './catalogs/index.ts';
import type { Locale } from './locales.ts';
import { formatMessage, messageParts, type ParamArgs, type ParamValue, type Placeholders } from './message.ts';

export type { MessageKey };

let current: Locale = 'en';

/** `write()` with `t` and the formatters in `locale`; it must not await (the locale is set for its synchronous run). */
export function inLocale<T>(locale: Locale, write: () => T): T {
  const outer = current;
  current = locale;
  try {
    return write();
  } finally {
    current = outer;
  }
}

/** The locale of the text being written (in the browser: the locale its build is in). */
export function currentLocale(): Locale {
  return current;
}

/** A message of the page's locale, its placeholders filled. */
export function t<K extends MessageKey>(key: K, ...args: ParamArgs<English[K]>): string {
  return formatMessage(CATALOGS[current][key], args[0], current);
}

/** A message as parts around values that are not text (elements): `rich('signin.sentTo', {email: <strong/>})`. */
export function rich<K extends MessageKey, T>(
  key: K,
  params: { [P in Placeholders<English[K]>]: ParamValue | T },
): (string | T)[] {
  return messageParts<T>(CATALOGS[current][key], params as Record<string, ParamValue | T>, current);
}
