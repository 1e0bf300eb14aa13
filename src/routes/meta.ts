// Public shop metadata: health for uptime checks and the public part of the config for the SPA.
import { Hono } from 'hono';
import { getConfig, readConfig } from '../config/index.ts';
import { legalDocument } from '../config/legal.ts';
import { publicConfig } from '../config/public.ts';
import type { AppEnv } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { upstreamHealth } from '../pool/index.ts';
import { availabilityDeps } from './availability.ts';

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean }> {
  try {
    await check();
    return { ok: true };
  } catch {
    return { ok: false };
  }
}

export const meta = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    const config = readConfig(c.env);
    const [d1, kv, upstream] = await Promise.all([
      probe(() => c.env.DB.prepare('select 1').first()),
      probe(() => c.env.CACHE.get('healthz')),
      // From the availability cache: at most one upstream call per 30 s however often this is polled.
      config.ok ? upstreamHealth(availabilityDeps(c)) : { ok: false },
    ]);
    const checks = {
      // Names only: a problem's message can quote a value.
      config: config.ok
        ? { ok: true }
        : { ok: false, problems: config.problems.map(({ variable, field }) => ({ variable, field })) },
      d1,
      kv,
      upstream,
    };
    const ok = Object.values(checks).every((check) => check.ok);
    return c.json({ status: ok ? 'ok' : 'degraded', checks }, ok ? 200 : 503);
  })
  .get('/config', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(publicConfig(getConfig(c.env)));
  })
  .get('/legal/:doc', (c) => {
    const doc = c.req.param('doc');
    if (doc !== 'terms' && doc !== 'privacy') throw new ApiError(404, 'not_found', 'No such document.');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(legalDocument(getConfig(c.env), doc));
  });
