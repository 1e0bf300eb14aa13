// The shop's HTML pages, rendered by the Worker from the config it runs with: the public pages whole (crawlers and
// first paints get the brand, the tiers and the prices before any script runs), the signed-in app's pages as its shell.
// Each page inlines its stylesheet and the public config, and preloads every module it needs, so the first paint
// waits for no request and the scripts load in parallel.
import { isPublic, matchRoute, needsSignIn, type Route, signInPath } from '../../web/src/routes.ts';
import type { PageData } from '../../web/src/state/page.ts';
import type { Config } from '../config/index.ts';
import { landingContent } from '../config/landing.ts';
import { LEGAL_FILES } from '../config/legal.ts';
import { publicConfig } from '../config/public.ts';
import { styleHash } from '../html/index.ts';
import { spaAssets } from './assets.ts';
import { htmlDocument } from './document.ts';
import { securityHeaders, TURNSTILE_CSP } from './headers.ts';
import { type PageIcon, pageIcon } from './icon.ts';
import { CONTENT_DIR, type LazyPage, type PageFiles, pageFiles, type SpaBundle } from './manifest.ts';
import { faqData, pageMeta, productData } from './meta.ts';
import { renderBody, renderConsole, renderDashboard } from './render.tsx';
import { themeCss } from './theme.ts';

export { robotsTxt, sitemapXml } from './crawlers.ts';

export interface RenderedPage {
  status: number;
  html: string;
  headers: Record<string, string>;
}

/** The bundle a page runs, and the lazy page it shows at once (preloaded with it). The console is preloaded only with
 * the overview rendered for its operator: a customer who opens /admin must not download it. */
function scripts(route: Route, operator: boolean): [SpaBundle, LazyPage?] {
  if (operator) return ['app', 'console'];
  switch (route.page) {
    case 'signin':
      return ['islands', 'signIn'];
    case 'checkout':
      return ['app', 'checkout'];
    case 'verify':
      return ['app', 'verify'];
    case 'dashboard-api':
      return ['app', 'api'];
    case 'dashboard':
    case 'admin':
      return ['app'];
    default:
      return ['islands'];
  }
}

interface PageTemplate {
  files: PageFiles;
  style: string;
  hash: string;
  body: string;
  icon?: PageIcon;
}

const templates = new Map<string, Promise<PageTemplate>>();

async function template(route: Route, operator: boolean, config: Config, assets: Fetcher): Promise<PageTemplate> {
  const spa = await spaAssets(assets, { cache: config.env === 'production' });
  const files = pageFiles(spa.manifest, ...scripts(route, operator));
  const css = await Promise.all(files.styles.map((path) => spa.stylesheet(path)));
  const style = [themeCss(config.brand), ...css].join('\n');
  const { logoUrl } = config.brand;
  // The reseller's own terms or privacy text, a file the build serves (content/legal/), or null for the generic one.
  const ownText = route.page === 'legal' ? await spa.optionalText(`/${CONTENT_DIR}/${LEGAL_FILES[route.doc]}`) : null;
  return {
    files,
    style,
    hash: await styleHash(style),
    body: renderBody(route, config, publicConfig(config), { legalText: ownText }),
    icon: logoUrl ? await pageIcon(logoUrl, spa) : undefined,
  };
}

function landingData(config: Config): Record<string, unknown>[] {
  const { faq } = landingContent(config);
  return [productData(config), ...(faq ? [faqData(faq)] : [])];
}

/** The signed-in page rendered from its visitor's data: a private answer, never stored by anyone, that differs with
 * the session cookie. */
const PRIVATE_PAGE = { 'Cache-Control': 'private, no-store', Vary: 'Cookie' };
/** Revalidated every time: a deploy changes the asset names the page links to. */
const SHARED_PAGE = { 'Cache-Control': 'no-cache', Vary: 'Cookie' };

/** Straight to sign in, and back to `url` (the page and its query) afterwards: none of the app loads for it. */
export function toSignIn(url: URL): RenderedPage {
  return {
    status: 302,
    html: '',
    headers: {
      ...securityHeaders(),
      Location: signInPath(url.pathname + url.search),
      'Cache-Control': 'no-store',
      Vary: 'Cookie',
    },
  };
}

/** The answer to a visitor without a session cookie asking for a page that needs one (to sign in), or null for the
 * pages anyone may see. */
export function signInRedirect(config: Config, url: URL): RenderedPage | null {
  const onSale = (tierId: string) => config.tiers.some((t) => t.id === tierId);
  return needsSignIn(matchRoute(url.pathname), onSale) ? toSignIn(url) : null;
}

/** The page at `pathname`, or the not-found page (404). Everything but the canonical address, whether a session
 * cookie came with the request and the request's `data` (a page that shows some; the dashboard's is rendered with
 * `search`, the page's query) is the same for every visitor, so production renders each kind of page once per isolate. */
export async function renderPage(
  config: Config,
  assets: Fetcher,
  pathname: string,
  { sessionCookie, data, search = '' }: { sessionCookie: boolean; data?: PageData; search?: string },
): Promise<RenderedPage> {
  const route = matchRoute(pathname);
  const operator = data?.console !== undefined;
  const key = JSON.stringify(route.page === 'legal' ? route : { page: route.page, operator });
  let page = config.env === 'production' ? templates.get(key) : undefined;
  if (!page) {
    page = template(route, operator, config, assets);
    if (config.env === 'production') {
      templates.set(key, page);
      page.catch(() => templates.delete(key));
    }
  }
  const { files, style, hash, icon, body: sameForAll } = await page;
  const shop = publicConfig(config);
  // The dashboard for its customer, and the console's overview for its operator, are the app itself, rendered from the
  // answers written into the page with it.
  const dashboard = data?.dashboard;
  const overview = data?.console;
  const signedIn = dashboard ? { dashboard } : overview ? { console: overview } : undefined;
  const body = dashboard
    ? renderDashboard({ pathname, search }, shop, { dashboard })
    : overview
      ? renderConsole({ pathname, search }, shop, overview)
      : data
        ? renderBody(route, config, shop, data)
        : sameForAll;
  const html = htmlDocument({
    meta: pageMeta(route, pathname, config),
    themeColour: config.brand.primaryColor,
    icon,
    style,
    script: files.script,
    preloads: files.preloads,
    // A public page, and a signed-in page rendered for its visitor, are whole before their scripts run.
    enhancing: isPublic(route) || signedIn !== undefined,
    config: shop,
    data: signedIn,
    structuredData: route.page === 'landing' ? landingData(config) : [],
    body,
    sessionCookie,
  });
  return {
    status: route.page === 'not-found' ? 404 : 200,
    html,
    headers: {
      // Only the sign-in page may load Turnstile, and only when the shop has it set up.
      ...securityHeaders([hash], route.page === 'signin' && config.turnstile ? TURNSTILE_CSP : {}),
      ...(signedIn ? PRIVATE_PAGE : SHARED_PAGE),
    },
  };
}
