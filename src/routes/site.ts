// The shop's pages and its files for crawlers: every path outside /api that is not a static asset.
import { type Context, Hono } from 'hono';
import { ConfigError } from '../config/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { requestContext } from '../http/middleware.ts';
import { hasSessionCookie } from '../http/session.ts';
import { securityHeaders } from '../site/headers.ts';
import { renderPage, robotsTxt, sitemapXml } from '../site/index.ts';

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

export const site = new Hono<AppEnv>()
  // A page is written from the config and whether a cookie came with it: no D1 at all.
  .use(requestContext, readsFrom('replica'))
  .get('/robots.txt', (c) => c.text(robotsTxt(c.var.services.config.publicUrl), 200, securityHeaders()))
  .get('/sitemap.xml', (c) =>
    c.body(sitemapXml(c.var.services.config.publicUrl), 200, {
      ...securityHeaders(),
      'Content-Type': 'application/xml; charset=utf-8',
    }),
  )
  .get('*', async (c) => {
    const page = await renderPage(c.var.services.config, c.env.ASSETS, c.req.path, {
      sessionCookie: hasSessionCookie(c),
    });
    return c.html(page.html, page.status as 200 | 404, page.headers);
  });

site.onError((err, c) => {
  if (err instanceof ConfigError) {
    c.var.services?.log.error('config invalid', { problems: err.problems });
    return unavailable(c, 503);
  }
  c.var.services?.log.error('page failed', { err });
  return unavailable(c, 500);
});
