// A language's own name for itself, as a language menu lists it (`Deutsch`, `Español`, `中文（中国）`), by Intl.
import { type Locale, languageTag } from './i18n/locales.ts';

export function languageName(locale: Locale): string {
  const tag = languageTag(locale);
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? locale;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}
