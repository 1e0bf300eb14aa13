// What a locale's build of the SPA does to each module: `t('key'` and `rich('key'` become `t(<the message>` and
// `rich(<the message>`, so the page carries its own language's words inline and no catalog, no keys. The key must be
// a literal (the catalog test finds every key in use the same way); an unknown key fails the build.
import type { Message } from './message.ts';

/** A call of `t` or `rich` with its first argument (a quoted key, or anything else), and whether that is all. */
const CALL = /\b(t|rich)\(\s*(?:(['"])([^'"\n]*)\2(\s*\))?)?/g;
/** Modules that call the translating functions import them from the SPA's i18n module or this folder. */
const IMPORTS_T = /import\s*\{[^}]*\b(t|rich)\b[^}]*\}\s*from\s*['"][^'"]*(\/i18n\.ts|\/i18n\/translate\.ts)['"]/;

/** The same, and `words('key'`: a message the Worker writes later, in its reader's language (./translate.ts). */
const NAMING = /\b(t|rich|words)\(\s*(?:(['"])([^'"\n]*)\2(\s*\))?)?/g;
const IMPORTS_NAMING =
  /import\s*\{[^}]*\b(t|rich|words)\b[^}]*\}\s*from\s*['"][^'"]*(\/i18n\.ts|\/i18n\/translate\.ts)['"]/;

export class MessageKeyError extends Error {
  override readonly name = 'MessageKeyError';
}

/** The module's code with every key replaced by its message, or unchanged when it translates nothing. */
export function inlineMessages(code: string, catalog: Readonly<Record<string, Message>>, file: string): string {
  if (!IMPORTS_T.test(code)) return code;
  return code.replace(
    CALL,
    (whole, fn: string, quote: string | undefined, key: string | undefined, closed: string | undefined) => {
      if (quote === undefined || key === undefined)
        throw new MessageKeyError(`${file}: ${fn}() takes a literal message key (${whole.trim()}…)`);
      const message = catalog[key];
      if (message === undefined) throw new MessageKeyError(`${file}: no message "${key}" in the catalog`);
      // A plain text with nothing to fill is the text itself.
      if (fn === 't' && closed && typeof message === 'string') return JSON.stringify(message);
      return `${fn}(${JSON.stringify(message)}${closed ?? ''}`;
    },
  );
}

/** Every message key the code names in a `t('…')`, `rich('…')` or `words('…')` call (the catalog test's "in use"). */
export function keysIn(code: string): string[] {
  if (!IMPORTS_NAMING.test(code)) return [];
  return [...code.matchAll(NAMING)].flatMap((m) => (m[3] === undefined ? [] : [m[3]]));
}
