// The customer dashboard's domain: account and key status, reveal/rotate, proxy URLs, own gateway sessions.
// Everything is scoped by the signed-in customer's id; the customer never names a key.
export { accountKeyOf, accountReads, accountView } from './account.ts';
export { DashboardError } from './errors.ts';
export { revealSecret, rotateSecret } from './key.ts';
export { chooseLanguage } from './language.ts';
export { dashboardPage, pageAvailability } from './page.ts';
export { type ProxyListEntry, proxyUrlList } from './proxy-urls.ts';
export { closeAllOwnSessions, closeOwnSession, listOwnSessions, ownKeyReads } from './sessions.ts';
export { endEverySession } from './sign-out.ts';
