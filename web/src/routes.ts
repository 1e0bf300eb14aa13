// The shop's pages by path. The Worker renders the public ones whole (crawlers and first paints get real HTML; small
// islands make them interactive) and serves the signed-in app's shell for the rest, which the SPA renders.
import type { LegalDoc } from '../../src/shared/dashboard.ts';
import { t } from '../../src/shared/i18n/translate.ts';
import { UNSUBSCRIBE_PAGE_PATH } from '../../src/shared/refill.ts';

export type Route =
  | { page: 'landing' }
  | { page: 'signin' }
  | { page: 'legal'; doc: LegalDoc }
  | { page: 'not-found' }
  | { page: 'verify' }
  | { page: 'checkout'; tierId: string }
  | { page: 'dashboard' }
  | { page: 'dashboard-api' }
  | { page: 'admin' }
  | { page: 'unsubscribe' };

const PUBLIC_PAGES = new Set<Route['page']>(['landing', 'signin', 'legal', 'not-found', 'unsubscribe']);

/** Rendered whole by the Worker; the SPA reaches it with a full page load. */
export function isPublic(route: Route): boolean {
  return PUBLIC_PAGES.has(route.page);
}

/**
 * Pages only a signed-in visitor can use: the dashboard, its API page, the console, and the checkout of a tier on
 * sale (`onSale`). Without a session cookie the Worker sends the visitor to sign in before any of the app loads; a
 * session that turns out dead sends them there from the app.
 */
export function needsSignIn(route: Route, onSale: (tierId: string) => boolean): boolean {
  switch (route.page) {
    case 'dashboard':
    case 'dashboard-api':
    case 'admin':
      return true;
    case 'checkout':
      return onSale(route.tierId);
    default:
      return false;
  }
}

/** The sign-in page that continues to `next` (a path of this shop, with its query) once signed in. */
export function signInPath(next: string): string {
  return `/signin?next=${encodeURIComponent(next)}`;
}

/** The paths a search engine should know (sitemap.xml), in the order of the site's importance. */
export const PUBLIC_PATHS = ['/', '/signin', '/terms', '/privacy'] as const;

export function matchRoute(pathname: string): Route {
  switch (pathname) {
    case '/':
      return { page: 'landing' };
    case '/signin':
      return { page: 'signin' };
    case '/terms':
    case '/privacy':
      return { page: 'legal', doc: pathname.slice(1) as LegalDoc };
    case '/auth/verify':
      return { page: 'verify' };
    case '/dashboard':
      return { page: 'dashboard' };
    case '/dashboard/api':
      return { page: 'dashboard-api' };
    case '/admin':
      return { page: 'admin' };
    case UNSUBSCRIBE_PAGE_PATH:
      return { page: 'unsubscribe' };
  }
  if (pathname.startsWith('/admin/')) return { page: 'admin' };
  const tierId = segmentAfter('/checkout/', pathname);
  return tierId ? { page: 'checkout', tierId } : { page: 'not-found' };
}

/** The one path segment after `prefix` (`/checkout/pro` → `pro`), decoded; null for any other path. */
export function segmentAfter(prefix: string, pathname: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const segment = pathname.slice(prefix.length).replace(/\/$/, '');
  if (!segment || segment.includes('/')) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The page's own title (none on the landing page, whose title is the brand's). */
function titleOf(route: Route): string {
  switch (route.page) {
    case 'landing':
      return '';
    case 'legal':
      return route.doc === 'terms' ? t('title.terms') : t('title.privacy');
    case 'signin':
      return t('title.signin');
    case 'not-found':
      return t('title.notFound');
    case 'verify':
      return t('title.verify');
    case 'checkout':
      return t('title.checkout');
    case 'dashboard':
      return t('title.dashboard');
    case 'dashboard-api':
      return t('title.api');
    case 'admin':
      return t('title.console');
    case 'unsubscribe':
      return t('title.unsubscribe');
  }
}

/** The document title: the brand alone on the landing page, `Page — Brand` elsewhere. */
export function pageTitle(route: Route, brandName: string): string {
  const page = titleOf(route);
  return page ? `${page} — ${brandName}` : brandName;
}
