// Public shop metadata: health for uptime checks and the public part of the config for the SPA.
import { Hono } from 'hono';
import { legalDocument } from '../config/legal.ts';
import { publicConfig } from '../config/public.ts';
import type { AppEnv } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { shopHealth } from '../ops/health.ts';

export const meta = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    const { ok, checks } = await shopHealth(c.var.services);
    return c.json({ status: ok ? 'ok' : 'degraded', checks }, ok ? 200 : 503);
  })
  .get('/config', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(publicConfig(c.var.services.config));
  })
  .get('/legal/:doc', (c) => {
    const doc = c.req.param('doc');
    if (doc !== 'terms' && doc !== 'privacy') throw new ApiError(404, 'not_found', 'No such document.');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(legalDocument(c.var.services.config, doc));
  });
