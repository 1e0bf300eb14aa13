// The terms and privacy pages: the reseller's own text from content/ (a file the build serves to the Worker; a var
// holds at most 5 KB), in the page's language where they wrote one, else their own in any language, else a plain
// generic text naming the shop in the page's language (call it inside `inLocale`).
import type { LegalDoc, LegalDocument } from '../shared/dashboard.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { t } from '../shared/i18n/translate.ts';
import type { Config } from './index.ts';

export const LEGAL_DOCS: readonly LegalDoc[] = ['terms', 'privacy'];

/** A document's files under content/, the first found shown: the locale's own (`de/legal/terms.md`), then the shop's
 * own in whatever language it wrote (`legal/terms.md`): a reseller's own terms bind, a generic translation would not. */
export function legalFiles(doc: LegalDoc, locale: Locale): [string, string] {
  return [`${locale}/legal/${doc}.md`, `legal/${doc}.md`];
}

export const LEGAL_TEXT_MIN = 20;
export const LEGAL_TEXT_MAX = 50_000;

/** Why `text` cannot be a legal document, or null when it can (`npm run check` names the file). */
export function legalTextProblem(text: string): string | null {
  const length = text.trim().length;
  if (length < LEGAL_TEXT_MIN) return `must be the document text (at least ${LEGAL_TEXT_MIN} characters)`;
  if (length > LEGAL_TEXT_MAX) return `is ${length} characters; at most ${LEGAL_TEXT_MAX}`;
  return null;
}

/** The document at /terms or /privacy: `ownText` (the file's text, null without one) or the generic text. */
export function legalDocument(config: Config, doc: LegalDoc, ownText: string | null): LegalDocument {
  const { name: brand, supportEmail: email, legal } = config.brand;
  const words = { brand, company: legal.companyName, email };
  const own = ownText?.trim();
  if (doc === 'terms') return { title: t('title.terms'), text: own || t('legal.terms', words) };
  return { title: t('title.privacy'), text: own || t('legal.privacy', words) };
}
