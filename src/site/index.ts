// The shop's HTML pages, rendered by the Worker from the config it runs with: the public pages whole (crawlers and
// first paints get the brand, the tiers and the prices before any script runs), the signed-in app's pages as its shell.
// Each page inlines its stylesheet and the public config, and preloads every module it needs, so the first paint
// waits for no request and the scripts load in parallel.
import { isPublic, matchRoute, needsSignIn, type Route, signInPath } from '../../web/src/routes.ts';
import type { PageData } from '../../web/src/state/page.ts';
import { parseLocaleContent, shopWordsFile, withLocaleContent } from '../config/content.ts';
import { type Config, ConfigError } from '../config/index.ts';
import { landingContent } from '../config/landing.ts';
import { legalFiles } from '../config/legal.ts';
import { publicConfig } from '../config/public.ts';
import { styleHash } from '../html/index.ts';
import { loadCatalog } from '../i18n/catalogs.ts';
import type { LegalDoc } from '../shared/dashboard.ts';
import { type Locale, languageTag, localizedPath } from '../shared/i18n/locales.ts';
import { inLocale } from '../shared/i18n/translate.ts';
import { type SpaAssets, spaAssets } from './assets.ts';
import { htmlDocument } from './document.ts';
import { securityHeaders, TURNSTILE_CSP } from './headers.ts';
import { type PageIcon, pageIcon } from './icon.ts';
import { localeOffer } from './locale-offer.ts';
import { type LazyPage, type PageFiles, pageFiles, type SpaBundle } from './manifest.ts';
import { faqData, pageMeta, productData } from './meta.ts';
import { renderBody, renderConsole, renderDashboard } from './render.tsx';
import { themeCss } from './theme.ts';

export { robotsTxt, sitemapXml } from './crawlers.ts';
export { type PageCurrency, pageCurrency } from './currency.ts';
export { type PageAddress, pageAddress } from './locale.ts';

export interface RenderedPage {
  status: number;
  html: string;
  headers: Record<string, string>;
}

/** The bundle a page runs, and the lazy page it shows at once (preloaded with it). The console is preloaded only with
 * the overview rendered for its operator, else only its gate: a customer who opens /admin must not download it. */
function scripts(route: Route, operator: boolean): [SpaBundle, LazyPage?] {
  if (operator) return ['app', 'console'];
  switch (route.page) {
    case 'landing':
      return ['islands', 'countries'];
    case 'signin':
      return ['islands', 'signIn'];
    case 'checkout':
      return ['app', 'checkout'];
    case 'verify':
      return ['app', 'verify'];
    case 'dashboard-api':
      return ['app', 'api'];
    case 'admin':
      return ['app', 'adminGate'];
    case 'dashboard':
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

/** The first of a legal document's files the reseller gave (src/config/legal.ts), or null. */
async function ownLegalText(spa: SpaAssets, doc: LegalDoc, locale: Locale): Promise<string | null> {
  for (const file of legalFiles(doc, locale)) {
    const text = await spa.content(file);
    if (text !== null) return text;
  }
  return null;
}

async function template(
  route: Route,
  operator: boolean,
  config: Config,
  spa: SpaAssets,
  page: PageInLocale,
): Promise<PageTemplate> {
  const files = pageFiles(await spa.manifest(page.locale), ...scripts(route, operator));
  const css = await Promise.all(files.styles.map((path) => spa.stylesheet(path)));
  const style = [themeCss(config.brand), ...css].join('\n');
  const { logoUrl } = config.brand;
  // The reseller's own terms or privacy text (content/), or null for the generic one.
  const ownText = route.page === 'legal' ? await ownLegalText(spa, route.doc, page.locale) : null;
  return {
    files,
    style,
    hash: await styleHash(style),
    body: inLocale(page.locale, () =>
      renderBody(route, page.path, config, publicConfig(config, page.currency), { legalText: ownText }),
    ),
    icon: logoUrl ? await pageIcon(logoUrl, spa) : undefined,
  };
}

function landingData(config: Config, currency: string): Record<string, unknown>[] {
  const { faq } = landingContent(config, currency);
  return [productData(config, currency), ...(faq ? [faqData(faq)] : [])];
}

/** The config with the locale's own words over BRAND's and PRICING's (src/config/content.ts); a file `npm run check`
 * would refuse makes the page a 503 naming it, as an invalid var does. */
async function inLanguage(config: Config, spa: SpaAssets, locale: Locale): Promise<Config> {
  const json = await spa.content(shopWordsFile(locale));
  if (json === null) return config;
  const parsed = parseLocaleContent(locale, json, config.tiers);
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  return withLocaleContent(config, parsed.content);
}

/** The signed-in page rendered from its visitor's data: a private answer, never stored by anyone, that differs with
 * the session cookie. */
const PRIVATE_PAGE = { 'Cache-Control': 'private, no-store', Vary: 'Cookie' };
/** Revalidated every time: a deploy changes the asset names the page links to. The offer and the app's language
 * follow the visitor's languages and cookie. */
const SHARED_PAGE = { 'Cache-Control': 'no-cache', Vary: 'Cookie, Accept-Language' };

/** Straight to sign in, in the page's language, and back to the page (`page.path` and its query, `search`)
 * afterwards: none of the app loads for it. */
export function toSignIn(config: Config, page: { locale: Locale; path: string }, search: string): RenderedPage {
  return {
    status: 302,
    html: '',
    headers: {
      ...securityHeaders(),
      Location: localizedPath(signInPath(page.path + search), page.locale, config.defaultLocale),
      'Cache-Control': 'no-store',
      Vary: 'Cookie, Accept-Language',
    },
  };
}

/** The answer to a visitor without a session cookie asking for a page that needs one (to sign in), or null for the
 * pages anyone may see. */
export function signInRedirect(
  config: Config,
  page: { locale: Locale; path: string },
  search: string,
): RenderedPage | null {
  const onSale = (tierId: string) => config.tiers.some((t) => t.id === tierId);
  return needsSignIn(matchRoute(page.path), onSale) ? toSignIn(config, page, search) : null;
}

/** The shop's config with a locale's own words (its tier names for Checkout's product line). */
export function configInLanguage(config: Config, assets: Fetcher, locale: Locale): Promise<Config> {
  return inLanguage(config, spaAssets(assets, { cache: config.env === 'production' }), locale);
}

export interface PageInLocale {
  locale: Locale;
  /** The path within the locale (`/de/signin` → `/signin`). */
  path: string;
  /** The currency the page prices in. */
  currency: string;
  /** Another locale to offer the visitor (their browser prefers it), or null. */
  offer: Locale | null;
  /** A session cookie came with the request. */
  sessionCookie: boolean;
  /** What the page shows for this request alone (the unsubscribe page's link, the dashboard's answers for its
   * customer, the console's overview for its operator), rendered for it. */
  data?: PageData;
  /** The page's query, `?` included, or '' (the dashboard renders what it says). */
  search?: string;
}

/** The page at `page.path` in its locale, or the not-found page (404). Everything but the offer, whether a session
 * cookie came with the request and the request's `data` is the same for every visitor of a locale and currency, so
 * production renders each kind of page once per isolate. */
export async function renderPage(shop: Config, assets: Fetcher, page: PageInLocale): Promise<RenderedPage> {
  const route = matchRoute(page.path);
  const cache = shop.env === 'production';
  const spa = spaAssets(assets, { cache });
  // The page's language, and the one its offer is written in.
  await Promise.all([page.locale, page.offer].map((locale) => locale && loadCatalog(assets, locale, { cache })));
  const config = await inLanguage(shop, spa, page.locale);
  const operator = page.data?.console !== undefined;
  const key = JSON.stringify([page.locale, page.currency, route.page === 'legal' ? route : route.page, operator]);
  let made = config.env === 'production' ? templates.get(key) : undefined;
  if (!made) {
    made = template(route, operator, config, spa, page);
    if (config.env === 'production') {
      templates.set(key, made);
      made.catch(() => templates.delete(key));
    }
  }
  const { files, style, hash, icon, body: sameForAll } = await made;
  const { data } = page;
  const pageConfig = publicConfig(config, page.currency);
  // The dashboard for its customer, and the console's overview for its operator, are the app itself, rendered from the
  // answers written into the page with it.
  const dashboard = data?.dashboard;
  const overview = data?.console;
  const signedIn = dashboard ? { dashboard } : overview ? { console: overview } : undefined;
  const url = { pathname: page.path, search: page.search ?? '' };
  const html = inLocale(page.locale, () =>
    htmlDocument({
      lang: languageTag(page.locale),
      meta: pageMeta(route, page.path, page.locale, config),
      themeColour: config.brand.primaryColor,
      icon,
      style,
      script: files.script,
      preloads: files.preloads,
      // A public page, and a signed-in page rendered for its visitor, are whole before their scripts run.
      enhancing: isPublic(route) || signedIn !== undefined,
      config: pageConfig,
      data: signedIn,
      structuredData: route.page === 'landing' ? landingData(config, page.currency) : [],
      notice: page.offer ? localeOffer(page.offer, page.path, config) : '',
      body: dashboard
        ? renderDashboard(url, pageConfig, { dashboard })
        : overview
          ? renderConsole(url, pageConfig, overview)
          : data
            ? renderBody(route, page.path, config, pageConfig, data)
            : sameForAll,
      sessionCookie: page.sessionCookie,
    }),
  );
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
