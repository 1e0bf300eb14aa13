// The customer API (/api/v1): a customer's scripts, authenticated by a personal access token only (never a cookie).
// Each route validates with and answers by the schemas its OpenAPI document is generated from (src/api/).
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { proxyListDownload } from '../api/formats.ts';
import { openApiDocument } from '../api/openapi.ts';
import { referencePage } from '../api/reference.ts';
import {
  type KeyAnswer,
  type ProxyUrlsAnswer,
  proxyUrlsQuery,
  sessionParam,
  type UsageApiAnswer,
  usageQuery,
} from '../api/schemas.ts';
import {
  accountKeyOf,
  closeAllOwnSessions,
  closeOwnSession,
  listOwnSessions,
  ownUsage,
  proxyUrlList,
} from '../dashboard/index.ts';
import { requireToken, type TokenVariables } from '../http/bearer.ts';
import type { AppEnv, GuardedEnv } from '../http/context.ts';
import { limitPerToken } from '../http/limits.ts';
import { validate } from '../http/validate.ts';
import { currentKey } from '../keys/index.ts';

const MB_PER_GB = 1024;

/** Set on the way out, whatever happened. */
const privateNoStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Cache-Control', 'private, no-store');
};

function actor<E extends GuardedEnv<TokenVariables>>(c: Context<E>) {
  return { customerId: c.var.token.customerId, requestId: c.var.requestId };
}

export const apiV1 = new Hono<AppEnv>()
  .get('/openapi.json', (c) =>
    c.json(openApiDocument(c.var.services.config), 200, { 'Cache-Control': 'public, max-age=300' }),
  )
  .get('/docs', async (c) => {
    const { html, csp } = await referencePage(openApiDocument(c.var.services.config));
    return c.html(html, 200, { 'Content-Security-Policy': csp, 'Cache-Control': 'public, max-age=300' });
  })
  .get('/proxy-urls', privateNoStore, requireToken('read'), validate('query', proxyUrlsQuery), async (c) => {
    const { format, ...request } = c.req.valid('query');
    const entries = await proxyUrlList(c.var.services, c.var.token.customerId, request);
    if (format === 'json') return c.json({ urls: entries } satisfies ProxyUrlsAnswer);
    const download = proxyListDownload(entries, format, request.country);
    return c.body(download.body, 200, {
      'Content-Type': download.contentType,
      'Content-Disposition': `attachment; filename="${download.filename}"`,
    });
  })
  .get(
    '/usage',
    privateNoStore,
    requireToken('read'),
    validate('query', usageQuery),
    limitPerToken('usage'),
    async (c) => {
      const customerId = c.var.token.customerId;
      const [key, usage] = await Promise.all([
        accountKeyOf(c.var.services, customerId),
        currentKey(c.var.services.db, customerId).then((key) =>
          ownUsage(c.var.services, key, c.req.valid('query').days),
        ),
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
  )
  .get('/key', privateNoStore, requireToken('read'), async (c) => {
    const key = await accountKeyOf(c.var.services, c.var.token.customerId);
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
  })
  .get('/sessions', privateNoStore, requireToken('read'), limitPerToken('sessions'), async (c) =>
    c.json(await listOwnSessions(c.var.services, await currentKey(c.var.services.db, c.var.token.customerId))),
  )
  .delete('/sessions', privateNoStore, requireToken('sessions'), limitPerToken('close_sessions'), async (c) =>
    c.json(await closeAllOwnSessions(c.var.services, actor(c))),
  )
  .delete(
    '/sessions/:key',
    privateNoStore,
    requireToken('sessions'),
    validate('param', sessionParam),
    limitPerToken('close_sessions'),
    async (c) => c.json(await closeOwnSession(c.var.services, actor(c), c.req.valid('param').key)),
  );
