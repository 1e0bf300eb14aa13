// The interactive parts of the pages the Worker renders whole: the browser hydrates each by its id (islands.tsx),
// so a public page runs only their code.
export const ISLAND = {
  /** The header's session links (Sign in, or the customer's Dashboard and Sign out). */
  sessionNav: 'session-nav',
  /** The landing page's countries with live availability. */
  countries: 'live-countries',
  /** The sign-in form. */
  signIn: 'sign-in',
} as const;
