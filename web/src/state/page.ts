// What the Worker wrote into this page besides its HTML: the public config (JSON data, not a script) and whether the
// browser sent a session cookie with the page, which the page's scripts cannot see for themselves (it is HttpOnly).
import type { OverviewAnswer } from '../../../src/shared/admin.ts';
import type { PublicConfig } from '../../../src/shared/api.ts';
import type { DashboardPage } from '../../../src/shared/dashboard.ts';
import type { UnsubscribeView } from '../../../src/shared/refill.ts';

/** The id of the page's `<script type="application/json">` holding the public config. */
export const CONFIG_SCRIPT_ID = 'shop-config';
/** The id of the `<script type="application/json">` holding the answers a signed-in page was rendered from. */
export const DATA_SCRIPT_ID = 'shop-data';

/** What a page shows that differs per page or per request (the other pages are the same for all). Never a secret:
 * the page is HTML. */
export interface PageData {
  /** The dashboard's answers for its signed-in customer: written into the page (`#shop-data`), for the app to take
   * over without asking again. */
  dashboard?: DashboardPage;
  /** The console's overview for its operator, written into the page the same way (the console takes it over). */
  console?: OverviewAnswer;
  /** A legal page's own text (the reseller's, from content/), or null for the generic one. */
  legalText?: string | null;
  /** The unsubscribe page's link, read by the Worker for the request. */
  unsubscribe?: UnsubscribeView;
}

/** Set on `<body>` when the page was requested with a session cookie. */
export const SESSION_ATTRIBUTE = 'data-session';

/** The config the Worker wrote into this page. */
export function pageConfig(): PublicConfig {
  const json = document.getElementById(CONFIG_SCRIPT_ID)?.textContent;
  if (!json) throw new Error('this page carries no shop config');
  return JSON.parse(json) as PublicConfig;
}

/** Without a session cookie the visitor is signed out for sure: no need to ask the shop who they are. */
export function sessionCookieSent(): boolean {
  return document.body.hasAttribute(SESSION_ATTRIBUTE);
}

/** The answers this page was rendered from, if the Worker rendered it for the signed-in visitor. */
export function pageData(): PageData | null {
  const json = document.getElementById(DATA_SCRIPT_ID)?.textContent;
  return json ? (JSON.parse(json) as PageData) : null;
}
