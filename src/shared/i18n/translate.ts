// Messages by key, in a locale. The Worker writes a page, a mail or an API error inside `inLocale(locale, …)`: writing
// is synchronous, so the locale set there is that text's alone, and `t` and the formatters (src/shared/format.ts) read
// it. The Worker provides a language's catalog before it writes in it (src/i18n/catalogs.ts), so it carries none of
// the seven in its code. The SPA's build never ships this
// module: each locale's build replaces every `t('key')` by that locale's message (vite.config.ts, ./compile.ts) and
// runs ./translate.browser.ts instead, so a page carries the messages it uses in its own language and nothing else.
import type { Catalog, English, MessageKey } from './catalogs/index.ts';
import type { Locale } from './locales.ts';
import { formatMessage, messageParts, type ParamArgs, type ParamValue, type Placeholders } from './message.ts';

export type { MessageKey };

const catalogs: Partial<Record<Locale, Catalog>> = {};

/** Makes a locale's messages available to `inLocale`. */
export function provideCatalog(locale: Locale, catalog: Catalog): void {
  catalogs[locale] = catalog;
}

export function hasCatalog(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

function catalogOf(locale: Locale): Catalog {
  const found = catalogs[locale];
  if (!found) throw new Error(`the ${locale} catalog was not provided before writing in it (src/i18n/catalogs.ts)`);
  return found;
}

let current: Locale = 'en';
/** The catalog of the text being written: set by `inLocale` only. */
let messages: Catalog | undefined;

function written(): Catalog {
  if (!messages) throw new Error('a message was written outside inLocale (src/shared/i18n/translate.ts)');
  return messages;
}

/** `write()` with `t` and the formatters in `locale`; it must not await (the locale is set for its synchronous run). */
export function inLocale<T>(locale: Locale, write: () => T): T {
  const outer = [current, messages] as const;
  messages = catalogOf(locale);
  current = locale;
  try {
    return write();
  } finally {
    [current, messages] = outer;
  }
}

/** The locale of the text being written (in the browser: the locale its build is in). */
export function currentLocale(): Locale {
  return current;
}

/** A message of the page's locale, its placeholders filled. */
export function t<K extends MessageKey>(key: K, ...args: ParamArgs<English[K]>): string {
  return formatMessage(written()[key], args[0], current);
}

/** A message to write later, in its reader's language (an API error's words, written by src/http/errors.ts). */
export interface Words {
  key: MessageKey;
  params?: Record<string, ParamValue>;
}

export function words<K extends MessageKey>(key: K, ...args: ParamArgs<English[K]>): Words {
  return { key, params: args[0] as Record<string, ParamValue> | undefined };
}

/** `words` in the locale being written. */
export function write({ key, params }: Words): string {
  return formatMessage(written()[key], params, current);
}

/** A message as parts around values that are not text (elements): `rich('signin.sentTo', {email: <strong/>})`. */
export function rich<K extends MessageKey, T>(
  key: K,
  params: { [P in Placeholders<English[K]>]: ParamValue | T },
): (string | T)[] {
  return messageParts<T>(written()[key], params as Record<string, ParamValue | T>, current);
}
