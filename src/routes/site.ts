// The shop's pages and its files for crawlers: every path outside /api that is not a static asset.
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { PageData } from '../../web/src/state/page.ts';
import { overview } from '../admin/index.ts';
import { ConfigError } from '../config/index.ts';
import { accountReads, dashboardPage, pageAvailability } from '../dashboard/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { askersLocale, CURRENCY_COOKIE, LOCALE_COOKIE, rememberCurrency, rememberLocale } from '../http/locale.ts';
import { requestContext } from '../http/middleware.ts';
import { hasSessionCookie, resolveSession, signedInCustomer } from '../http/session.ts';
import { unsubscribePage } from '../reminders/index.ts';
import { type Locale, offeredOr } from '../shared/i18n/locales.ts';
import { UNSUBSCRIBE_PAGE_PATH } from '../shared/refill.ts';
import { securityHeaders } from '../site/headers.ts';
import {
  pageAddress,
  pageCurrency,
  type RenderedPage,
  renderPage,
  robotsTxt,
  signInRedirect,
  sitemapXml,
  toSignIn,
} from '../site/index.ts';

/** A plain page for when the shop cannot render its own (no brand, no styles, no scripts). */
function unavailable(c: Context<AppEnv>, status: 500 | 503) {
  const text =
    status === 503 ? 'The shop is not configured correctly. The operator has been told.' : 'Something went wrong.';
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unavailable</title></head><body><h1>The shop is unavailable</h1><p>${text}</p></body></html>`,
    status,
    { ...securityHeaders(), 'Cache-Control': 'no-store' },
  );
}

/** The currency the page prices in: asked for (`?currency=`), chosen before, or the visitor's country's. */
function currencyOf(c: Context<AppEnv>) {
  return pageCurrency(c.var.services.config, {
    asked: c.req.query('currency'),
    chosen: getCookie(c, CURRENCY_COOKIE),
    country: c.req.raw.cf?.country as string | undefined,
  });
}

/** A signed-in page written with its answers (the dashboard's, the console's overview), for the app to take over. */
function signedInPage(c: Context<AppEnv>, locale: Locale, url: URL, data: PageData) {
  return renderPage(c.var.services.config, c.env.ASSETS, {
    locale,
    path: url.pathname,
    search: url.search,
    currency: currencyOf(c).currency,
    offer: null,
    sessionCookie: true,
    data,
  });
}

function answer(c: Context<AppEnv>, page: RenderedPage) {
  if (page.status === 302) return c.body(null, 302, page.headers);
  return c.html(page.html, page.status as 200 | 400 | 404, page.headers);
}

export const site = new Hono<AppEnv>()
  // A page is written from the config and whether a cookie came with it (no D1), but the unsubscribe page, the
  // dashboard for its customer, which reads the account as /api/account does, and the console's overview for its
  // operator, as /api/admin/overview reads it.
  .use(requestContext, readsFrom('replica'))
  .get('/robots.txt', (c) => c.text(robotsTxt(c.var.services.config.publicUrl), 200, securityHeaders()))
  .get('/sitemap.xml', (c) =>
    c.body(sitemapXml(c.var.services.config), 200, {
      ...securityHeaders(),
      'Content-Type': 'application/xml; charset=utf-8',
    }),
  )
  // The dashboard with the customer's own key, usage and banners: the session check and the account's rows in one D1
  // round trip, written in the customer's saved language, whose app then takes the page over. A session that turns out
  // dead goes to sign in (its cookie cleared) before any of the app loads.
  .get('/dashboard', readsFrom('bookmark'), async (c, next) => {
    if (!hasSessionCookie(c)) return next();
    const { services } = c.var;
    const { config } = services;
    const availability = pageAvailability(services);
    const found = await resolveSession(c, accountReads);
    const url = new URL(c.req.url);
    const visitors = askersLocale(c, config);
    if (!found) return answer(c, toSignIn(config, { locale: visitors, path: url.pathname }, url.search));
    const { identity, reads } = found;
    const locale = offeredOr(identity.customer.locale, config.locales, visitors);
    // The app's later answers (and its errors) speak it too.
    if (locale !== visitors) rememberLocale(c, locale);
    await services.loadCatalog(locale);
    const dashboard = await dashboardPage(
      services,
      signedInCustomer(identity),
      identity.customer,
      reads,
      availability,
      locale,
    );
    return answer(c, await signedInPage(c, locale, url, { dashboard }));
  })
  // The console's overview for an operator: the session check, then the overview's reads (as /api/admin/overview makes
  // them, from the primary), so a customer's cookie never runs them. A customer gets the app's shell (its 403 page), a
  // dead session goes to sign in.
  .get('/admin', readsFrom('primary'), async (c, next) => {
    if (!hasSessionCookie(c)) return next();
    const { services } = c.var;
    const { config } = services;
    const found = await resolveSession(c, undefined);
    const url = new URL(c.req.url);
    // The operator's language: the one they chose, else their browser's (the console's own words are English).
    const locale = askersLocale(c, config);
    if (!found) return answer(c, toSignIn(config, { locale, path: url.pathname }, url.search));
    if (!found.identity.isAdmin) return next();
    const operatorView = { ...(await overview(services)), operator: signedInCustomer(found.identity) };
    return answer(c, await signedInPage(c, locale, url, { console: operatorView }));
  })
  // A reminder mail's link: the customer's address, so never stored or indexed. Its button posts to the shop's own
  // API, and a browser sends that form's Origin (which the API's CSRF guard checks) only under a referrer policy
  // that keeps it for same-origin requests; `same-origin` also keeps the link's token from every other site. The link
  // is the credential: its owner is read on the primary.
  .get(UNSUBSCRIBE_PAGE_PATH, readsFrom('primary'), async (c) => {
    const { config } = c.var.services;
    // In the customer's language (the one their mail came in), whatever the browser asks for.
    const { view, locale } = await unsubscribePage(c.var.services, c.req.query('token') ?? '');
    const page = await renderPage(config, c.env.ASSETS, {
      locale: offeredOr(locale, config.locales, config.defaultLocale),
      path: c.req.path,
      currency: currencyOf(c).currency,
      offer: null,
      sessionCookie: hasSessionCookie(c),
      data: { unsubscribe: view },
    });
    return answer(c, {
      status: view.state === 'invalid' ? 400 : 200,
      html: page.html,
      headers: {
        ...page.headers,
        'Cache-Control': 'private, no-store',
        'Referrer-Policy': 'same-origin',
        'X-Robots-Tag': 'noindex',
      },
    });
  })
  .get('*', async (c) => {
    const { config } = c.var.services;
    const url = new URL(c.req.url);
    const address = pageAddress(config, {
      pathname: url.pathname,
      search: url.search,
      acceptLanguage: c.req.header('accept-language') ?? null,
      chosen: getCookie(c, LOCALE_COOKIE),
    });
    if (address.kind === 'redirect') {
      if (address.remember) rememberLocale(c, address.remember);
      return c.redirect(address.location, address.status);
    }
    const sessionCookie = hasSessionCookie(c);
    const signIn = !sessionCookie && signInRedirect(config, address, url.search);
    if (signIn) return answer(c, signIn);
    const priced = currencyOf(c);
    if (priced.remember) rememberCurrency(c, priced.currency);
    return answer(c, await renderPage(config, c.env.ASSETS, { ...address, currency: priced.currency, sessionCookie }));
  });

site.onError((err, c) => {
  if (err instanceof ConfigError) {
    c.var.services?.log.error('config invalid', { problems: err.problems });
    return unavailable(c, 503);
  }
  c.var.services?.log.error('page failed', { err });
  return unavailable(c, 500);
});
