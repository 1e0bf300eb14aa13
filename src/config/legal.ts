// The terms and privacy pages: the reseller's own text from BRAND.legal, or a plain generic text naming the shop, in
// the page's language (call it inside `inLocale`).
import type { LegalDoc, LegalDocument } from '../shared/dashboard.ts';
import { t } from '../shared/i18n/translate.ts';
import type { Config } from './index.ts';

export function legalDocument(config: Config, doc: LegalDoc): LegalDocument {
  const { name: brand, supportEmail: email, legal } = config.brand;
  const words = { brand, company: legal.companyName, email };
  if (doc === 'terms') return { title: t('title.terms'), text: legal.terms ?? t('legal.terms', words) };
  return { title: t('title.privacy'), text: legal.privacy ?? t('legal.privacy', words) };
}
