// The customer API (/api/v1): a customer's scripts, authenticated by a personal access token only (never a cookie).
// Each route is one declaration (src/http/api-route.ts): its token scope, the schemas it validates with and answers
// by (src/api/schemas.ts) and its OpenAPI operation, which the document and the reference page are generated from.
import { type Context, Hono } from 'hono';
import { proxyListDownload } from '../api/formats.ts';
import { openApiDocument } from '../api/openapi.ts';
import { referencePage } from '../api/reference.ts';
import {
  closedAnswer,
  type KeyAnswer,
  keyAnswer,
  type ProxyUrlsAnswer,
  proxyUrlsAnswer,
  proxyUrlsQuery,
  sessionParam,
  sessionsAnswer,
  type UsageApiAnswer,
  usageAnswer,
  usageQuery,
} from '../api/schemas.ts';
import {
  accountKeyOf,
  closeAllOwnSessions,
  closeOwnSession,
  listOwnSessions,
  proxyUrlList,
} from '../dashboard/index.ts';
import { apiRoutes } from '../http/api-route.ts';
import type { TokenVariables } from '../http/bearer.ts';
import type { AppEnv, GuardedEnv } from '../http/context.ts';
import { askersLanguage } from '../http/locale.ts';
import { currentKey, customerDailyUsage } from '../keys/index.ts';

const MB_PER_GB = 1024;
const v1 = apiRoutes();

/** The declarations of the mounted routes: what the OpenAPI document lists (generated from them at build time). */
export const apiV1Operations = v1.operations;

function actor<E extends GuardedEnv<TokenVariables>>(c: Context<E>) {
  return { customerId: c.var.token.customerId, requestId: c.var.requestId };
}

export const apiV1 = new Hono<AppEnv>()
  .on(
    ...v1.route(
      {
        method: 'get',
        path: '/proxy-urls',
        operationId: 'listProxyUrls',
        summary: 'Proxy URLs of your key',
        description:
          'Proxy URLs with your key, built like the dashboard builds them. Without `count`: one URL with the rotation and sid you give. With `count`: that many sticky URLs, each with its own session id and so its own IP. `format=txt` answers one URL a line, `format=csv` a header row and one row a URL (both as a download).',
        scope: 'read',
        secret: true,
        query: proxyUrlsQuery,
        answer: proxyUrlsAnswer,
        alsoAs: ['text/plain', 'text/csv'],
        errors: [409],
      },
      async (c) => {
        const { format, ...request } = c.req.valid('query');
        const entries = await proxyUrlList(c.var.services, c.var.token.customerId, request);
        if (format === 'json') return c.json({ urls: entries } satisfies ProxyUrlsAnswer);
        const download = proxyListDownload(entries, format, request.country);
        return c.body(download.body, 200, {
          'Content-Type': download.contentType,
          'Content-Disposition': `attachment; filename="${download.filename}"`,
        });
      },
    ),
  )
  .on(
    ...v1.route(
      {
        method: 'get',
        path: '/usage',
        operationId: 'getUsage',
        summary: 'Traffic used and left',
        description:
          'Your cap, what is used and left, when it expires, and a daily series of traffic in and out. Read from the platform (at most every 10 s for the totals, 60 s for the series).',
        scope: 'read',
        query: usageQuery,
        answer: usageAnswer,
        errors: [503],
        limit: 'usage',
      },
      async (c) => {
        const customerId = c.var.token.customerId;
        const [key, usage] = await Promise.all([
          askersLanguage(c).then((locale) => accountKeyOf(c.var.services, customerId, locale)),
          customerDailyUsage(c.var.services, customerId, c.req.valid('query').days),
        ]);
        const left = key.capGb !== null && key.usedMb !== null ? Math.max(0, key.capGb * MB_PER_GB - key.usedMb) : null;
        return c.json({
          capGb: key.capGb,
          usedMb: key.usedMb,
          leftMb: left,
          expiresAt: key.expiresAt,
          live: key.live,
          daily: usage.available,
          days: usage.days,
        } satisfies UsageApiAnswer);
      },
    ),
  )
  .on(
    ...v1.route(
      {
        method: 'get',
        path: '/key',
        operationId: 'getKey',
        summary: 'Key status',
        description:
          'Whether your key works and, when it does not, why. The key itself is never in this answer (GET /proxy-urls puts it in the URLs); it cannot be rotated with a token.',
        scope: 'read',
        answer: keyAnswer,
      },
      async (c) => {
        const key = await accountKeyOf(c.var.services, c.var.token.customerId, await askersLanguage(c));
        return c.json({
          status: key.status,
          reason: key.reason,
          reasonText: key.reasonText,
          secretMask: key.secretMask,
          capGb: key.capGb,
          usedMb: key.usedMb,
          expiresAt: key.expiresAt,
          lastUsedAt: key.lastUsedAt,
          live: key.live,
          previousKey: key.previousKey && {
            secretMask: key.previousKey.secretMask,
            worksUntil: key.previousKey.worksUntil,
          },
        } satisfies KeyAnswer);
      },
    ),
  )
  .on(
    ...v1.route(
      {
        method: 'get',
        path: '/sessions',
        operationId: 'listSessions',
        summary: 'Open gateway sessions',
        description: "Your key's open sticky sessions, most recently active first.",
        scope: 'read',
        answer: sessionsAnswer,
        errors: [503],
        limit: 'sessions',
      },
      async (c) =>
        c.json(await listOwnSessions(c.var.services, await currentKey(c.var.services.db, c.var.token.customerId))),
    ),
  )
  .on(
    ...v1.route(
      {
        method: 'delete',
        path: '/sessions',
        operationId: 'closeSessions',
        summary: 'Close every open session',
        description: "Closes all of your key's open sessions: the next request with a sid gets a new IP.",
        scope: 'sessions',
        answer: closedAnswer,
        errors: [503],
        limit: 'close_sessions',
      },
      async (c) => c.json(await closeAllOwnSessions(c.var.services, actor(c))),
    ),
  )
  .on(
    ...v1.route(
      {
        method: 'delete',
        path: '/sessions/:key',
        operationId: 'closeSession',
        summary: 'Close one session',
        description: "Closes one of your key's sessions (404 when it is not open).",
        scope: 'sessions',
        params: sessionParam,
        answer: closedAnswer,
        errors: [404, 503],
        limit: 'close_sessions',
      },
      async (c) => c.json(await closeOwnSession(c.var.services, actor(c), c.req.valid('param').key)),
    ),
  )
  .on(
    ...v1.publicRoute(
      {
        method: 'get',
        path: '/openapi.json',
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        description: 'The OpenAPI 3.1 document of this API.',
        scope: null,
        answer: null,
      },
      (c) => c.json(openApiDocument(c.var.services.config), 200, { 'Cache-Control': 'public, max-age=300' }),
    ),
  )
  .on(
    ...v1.publicRoute(
      {
        method: 'get',
        path: '/docs',
        operationId: 'getReference',
        summary: 'The API reference',
        description: 'This API as a readable page (HTML).',
        scope: null,
        answer: null,
      },
      async (c) => {
        const { html, csp } = await referencePage(openApiDocument(c.var.services.config));
        return c.html(html, 200, { 'Content-Security-Policy': csp, 'Cache-Control': 'public, max-age=300' });
      },
    ),
  );
