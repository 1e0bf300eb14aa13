// What the landing page says, section by section (src/config/landing.ts builds it from BRAND.landing and defaults
// drawn from the tiers and countries). A section that is null is not shown.

export interface LandingItem {
  title: string;
  text: string;
}

export interface FaqEntry {
  question: string;
  answer: string;
}

export interface LandingLink {
  label: string;
  href: string;
}

export interface LandingContent {
  hero: { title: string; subtitle: string; primary: LandingLink; secondary: LandingLink };
  /** Short reassurances under the call to action. */
  trust: string[] | null;
  features: LandingItem[] | null;
  steps: LandingItem[] | null;
  /** A ready-to-paste example with the shop's real proxy URL grammar. */
  code: { intro: string; sample: string } | null;
  faq: FaqEntry[] | null;
  support: { email: string; text: string } | null;
}
