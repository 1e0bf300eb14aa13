// Public availability: pool stock per offered country and active incidents, from the KV cache (never one
// upstream call per visitor; see src/pool/availability.ts).
import { type Context, Hono } from 'hono';
import { getConfig } from '../config/index.ts';
import type { AppEnv } from '../http/context.ts';
import {
  type AvailabilityDeps,
  activeIncidents,
  availabilityCacheControl,
  createPoolClient,
  INCIDENTS,
  offeredStock,
  readAvailability,
  STOCK,
} from '../pool/index.ts';

export function availabilityDeps(c: Context<AppEnv>): AvailabilityDeps {
  const log = c.get('log');
  return {
    kv: c.env.CACHE,
    // Short: a visitor (or healthz) waits for this only when nothing at all is cached.
    client: createPoolClient({ config: getConfig(c.env).upstream, log, timeoutMs: 5_000 }),
    waitUntil: (promise) => c.executionCtx.waitUntil(promise),
    log,
  };
}

export const availability = new Hono<AppEnv>()
  .get('/stock', async (c) => {
    const cached = await readAvailability(STOCK, availabilityDeps(c));
    c.header('Cache-Control', availabilityCacheControl(cached));
    return c.json(offeredStock(cached, getConfig(c.env).countries));
  })
  .get('/incidents', async (c) => {
    const cached = await readAvailability(INCIDENTS, availabilityDeps(c));
    c.header('Cache-Control', availabilityCacheControl(cached));
    return c.json(activeIncidents(cached));
  });
