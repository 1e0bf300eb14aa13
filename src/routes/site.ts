// The shop's pages and its files for crawlers: every path outside /api that is not a static asset.
import { type Context, Hono } from 'hono';
import { overview } from '../admin/index.ts';
import { ConfigError } from '../config/index.ts';
import { accountReads, dashboardPage, pageAvailability } from '../dashboard/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { requestContext } from '../http/middleware.ts';
import { hasSessionCookie, resolveSession, signedInCustomer } from '../http/session.ts';
import { unsubscribePage } from '../reminders/index.ts';
import { UNSUBSCRIBE_PAGE_PATH } from '../shared/refill.ts';
import { securityHeaders } from '../site/headers.ts';
import { type RenderedPage, renderPage, robotsTxt, signInRedirect, sitemapXml, toSignIn } from '../site/index.ts';

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
    c.body(sitemapXml(c.var.services.config.publicUrl), 200, {
      ...securityHeaders(),
      'Content-Type': 'application/xml; charset=utf-8',
    }),
  )
  // The dashboard with the customer's own key, usage and banners: the session check and the account's rows in one D1
  // round trip. A session that turns out dead goes to sign in (its cookie cleared) before any of the app loads.
  .get('/dashboard', readsFrom('bookmark'), async (c, next) => {
    if (!hasSessionCookie(c)) return next();
    const { services } = c.var;
    const availability = pageAvailability(services);
    const found = await resolveSession(c, accountReads);
    const url = new URL(c.req.url);
    if (!found) return answer(c, toSignIn(url));
    const { identity, reads } = found;
    const dashboard = await dashboardPage(services, signedInCustomer(identity), identity.customer, reads, availability);
    const page = await renderPage(services.config, c.env.ASSETS, url.pathname, {
      sessionCookie: true,
      data: { dashboard },
      search: url.search,
    });
    return answer(c, page);
  })
  // The console's overview for an operator: the session check, then the overview's reads (as /api/admin/overview makes
  // them, from the primary), so a customer's cookie never runs them. A customer gets the app's shell (its 403 page), a
  // dead session goes to sign in.
  .get('/admin', readsFrom('primary'), async (c, next) => {
    if (!hasSessionCookie(c)) return next();
    const { services } = c.var;
    const found = await resolveSession(c, undefined);
    const url = new URL(c.req.url);
    if (!found) return answer(c, toSignIn(url));
    if (!found.identity.isAdmin) return next();
    const operatorView = { ...(await overview(services)), operator: signedInCustomer(found.identity) };
    const page = await renderPage(services.config, c.env.ASSETS, url.pathname, {
      sessionCookie: true,
      data: { console: operatorView },
      search: url.search,
    });
    return answer(c, page);
  })
  // A reminder mail's link: the customer's address, so never stored or indexed. Its button posts to the shop's own
  // API, and a browser sends that form's Origin (which the API's CSRF guard checks) only under a referrer policy
  // that keeps it for same-origin requests; `same-origin` also keeps the link's token from every other site. The link
  // is the credential: its owner is read on the primary.
  .get(UNSUBSCRIBE_PAGE_PATH, readsFrom('primary'), async (c) => {
    const view = await unsubscribePage(c.var.services, c.req.query('token') ?? '');
    const page = await renderPage(c.var.services.config, c.env.ASSETS, c.req.path, {
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
    const sessionCookie = hasSessionCookie(c);
    const page =
      (!sessionCookie && signInRedirect(config, new URL(c.req.url))) ||
      (await renderPage(config, c.env.ASSETS, c.req.path, { sessionCookie }));
    return answer(c, page);
  });

site.onError((err, c) => {
  if (err instanceof ConfigError) {
    c.var.services?.log.error('config invalid', { problems: err.problems });
    return unavailable(c, 503);
  }
  c.var.services?.log.error('page failed', { err });
  return unavailable(c, 500);
});
