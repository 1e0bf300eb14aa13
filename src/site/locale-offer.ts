// The line a page of the default locale shows a visitor whose browser prefers another of the shop's languages: in
// that language, linking to the same page in it. Above the page (outside what the scripts hydrate).
import type { Config } from '../config/index.ts';
import { escapeHtml } from '../html/index.ts';
import { type Locale, languageTag, localizedPath } from '../shared/i18n/locales.ts';
import { inLocale, t } from '../shared/i18n/translate.ts';
import { languageName } from '../shared/language-name.ts';

export function localeOffer(locale: Locale, path: string, config: Config): string {
  const href = localizedPath(path, locale, config.defaultLocale);
  const language = languageName(locale);
  const text = inLocale(locale, () => t('site.offer', { language }));
  const link = inLocale(locale, () => t('site.offerLink', { language }));
  return `<aside class="locale-offer" lang="${languageTag(locale)}" aria-label="${escapeHtml(link)}"><p class="wrap">${escapeHtml(text)} <a href="${escapeHtml(href)}" hreflang="${languageTag(locale)}">${escapeHtml(link)}</a></p></aside>`;
}
