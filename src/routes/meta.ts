// Public shop metadata: health for uptime checks and the public part of the config (the pages carry it too).
import { Hono } from 'hono';
import { publicConfig } from '../config/public.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { shopHealth } from '../ops/health.ts';

export const meta = new Hono<AppEnv>()
  .get('/healthz', readsFrom('primary'), async (c) => {
    const { ok, checks } = await shopHealth(c.var.services);
    return c.json({ status: ok ? 'ok' : 'degraded', checks }, ok ? 200 : 503);
  })
  .get('/config', readsFrom('replica'), (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(publicConfig(c.var.services.config));
  });
