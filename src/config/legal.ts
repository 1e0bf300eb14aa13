// The terms and privacy pages: the reseller's own text from content/legal/ (a file the build serves to the Worker;
// a var holds at most 5 KB), or a plain generic text naming the shop.
import { LEGAL_TITLES, type LegalDoc, type LegalDocument } from '../shared/dashboard.ts';
import type { Config } from './index.ts';

/** Each document's file under content/ (a later per-language layout nests the same paths under content/<locale>/). */
export const LEGAL_FILES: Record<LegalDoc, string> = { terms: 'legal/terms.md', privacy: 'legal/privacy.md' };

export const LEGAL_TEXT_MIN = 20;
export const LEGAL_TEXT_MAX = 50_000;

/** Why `text` cannot be a legal document, or null when it can (`npm run check` names the file). */
export function legalTextProblem(text: string): string | null {
  const length = text.trim().length;
  if (length < LEGAL_TEXT_MIN) return `must be the document text (at least ${LEGAL_TEXT_MIN} characters)`;
  if (length > LEGAL_TEXT_MAX) return `is ${length} characters; at most ${LEGAL_TEXT_MAX}`;
  return null;
}

function genericTerms(brand: Config['brand']): string {
  const { name, supportEmail, legal } = brand;
  return `${name} is operated by ${legal.companyName}. By buying or using our proxies you agree to these terms.

## The service
- You buy traffic (gigabytes) for mobile and peer proxies, valid for the period shown at purchase.
- Your proxy key is personal. Keep it secret: traffic used with your key counts against your plan.
- Availability per country changes with the devices online; we do not guarantee a given country or IP.

## Acceptable use
- No unlawful activity, no spam, no fraud, no attacks on other systems, no access to content you are not entitled to.
- We may suspend a key that is used against these rules, and we will tell you why.

## Payments and refunds
- Prices are shown before payment and charged through Stripe. Unused traffic may be refunded on request within 14 days of purchase; used traffic is not refundable.

## Contact
Questions: ${supportEmail}.`;
}

function genericPrivacy(brand: Config['brand']): string {
  const { name, supportEmail, legal } = brand;
  return `${legal.companyName} runs ${name}. This page says what we keep about you and why.

## What we keep
- Your email address, to sign you in with a link and to send receipts.
- Your purchases (plan, amount, dates); payment details are handled by Stripe and never reach us.
- The usage figures of your proxy key, to show them to you and to enforce your plan.
- Security records (sign-ins, key rotations), to protect your account.

## What we do not do
- We do not sell your data or use it for advertising. We set one cookie, which keeps you signed in.

## Your rights
Ask us for a copy of your data, or to delete it, at ${supportEmail}.`;
}

/** The document at /terms or /privacy: `ownText` (the file's text, null without one) or the generic text. */
export function legalDocument(config: Config, doc: LegalDoc, ownText: string | null): LegalDocument {
  const generic = doc === 'terms' ? genericTerms : genericPrivacy;
  return { title: LEGAL_TITLES[doc], text: ownText?.trim() || generic(config.brand) };
}
