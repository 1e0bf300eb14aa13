// A catalog message and how it becomes text: `{name}` placeholders, and plural forms chosen by Intl.PluralRules
// (`{one: '{count} day', other: '{count} days'}`; Russian has one/few/many/other, Chinese only other). Numbers are
// formatted for the locale by Intl.NumberFormat; nothing here knows a language's rules by hand. The SPA ships this
// module, so it stays small.
import { type Locale, languageTag } from './locales.ts';

/** The forms of a plural message, by Intl.PluralRules category; `count` chooses one. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;

/** A value put into a placeholder: text as is, a number formatted for the locale. */
export type ParamValue = string | number;

type Names<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Names<Rest> : never;
/** The placeholders of a message (a plural message's forms, and `count`). */
export type Placeholders<M> = M extends string ? Names<M> : M extends PluralForms ? 'count' | Names<M[keyof M]> : never;
/** The parameters a message takes: none, or one value per placeholder. */
export type ParamArgs<M, V = ParamValue> = [Placeholders<M>] extends [never]
  ? []
  : [params: { [P in Placeholders<M>]: P extends 'count' ? number : V }];

const PLACEHOLDER = /\{(\w+)\}/g;

/** The message's placeholder names, in order (the catalog test compares them across languages). */
export function placeholderNames(message: Message): string[] {
  const forms = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(forms.flatMap((form) => [...form.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '')))].sort();
}

/** The message as parts, for values that are not text (a link, a bold address): `['Sent to ', <strong/>, '.']`.
 * Its form for `count` is the plural category Intl.PluralRules gives (else `other`). */
export function messageParts<T>(
  message: Message,
  params: Record<string, ParamValue | T> | undefined,
  locale: Locale,
): (string | T)[] {
  const tag = languageTag(locale);
  const count = params?.count;
  const text =
    typeof message === 'string'
      ? message
      : (message[new Intl.PluralRules(tag).select(typeof count === 'number' ? count : 0)] ?? message.other);
  return text.split(PLACEHOLDER).map((part, i) => {
    if (i % 2 === 0) return part;
    const value = params?.[part];
    if (value === undefined) return `{${part}}`;
    return typeof value === 'number' ? new Intl.NumberFormat(tag).format(value) : value;
  });
}

/** The message as text, its placeholders filled. */
export function formatMessage(
  message: Message,
  params: Record<string, ParamValue> | undefined,
  locale: Locale,
): string {
  return messageParts(message, params, locale).join('');
}
