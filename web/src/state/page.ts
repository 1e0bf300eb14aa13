// What the Worker wrote into this page besides its HTML: the public config (JSON data, not a script) and whether the
// browser sent a session cookie with the page, which the page's scripts cannot see for themselves (it is HttpOnly).
import type { PublicConfig } from '../../../src/shared/api.ts';

/** The id of the page's `<script type="application/json">` holding the public config. */
export const CONFIG_SCRIPT_ID = 'shop-config';
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
