// The generic terms and privacy texts a shop shows until BRAND.legal gives its own (markdown-ish: `##` headings, `- `
// items, blank-line paragraphs).
export const legal = {
  'legal.terms': `{brand} is operated by {company}. By buying or using our proxies you agree to these terms.

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
Questions: {email}.`,
  'legal.privacy': `{company} runs {brand}. This page says what we keep about you and why.

## What we keep
- Your email address, to sign you in with a link and to send receipts.
- Your purchases (plan, amount, dates); payment details are handled by Stripe and never reach us.
- The usage figures of your proxy key, to show them to you and to enforce your plan.
- Security records (sign-ins, key rotations), to protect your account.

## What we do not do
- We do not sell your data or use it for advertising. We set one cookie, which keeps you signed in, and one that remembers your language.

## Your rights
Ask us for a copy of your data, or to delete it, at {email}.`,
} as const;
