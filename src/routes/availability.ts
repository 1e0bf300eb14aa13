// Public availability: pool stock per offered country and active incidents, from the KV cache (never one
// upstream call per visitor; see src/pool/availability.ts).
import { Hono, type Context } from 'hono';
import { getConfig } from '../config/index.ts';
import type { AppEnv } from '../http/context.ts';
import { createPoolClient } from '../pool/client.ts';
import { INCIDENTS, STOCK, activeIncidents, availabilityCacheControl, offeredStock, readAvailability, type AvailabilityDeps } from '../pool/availability.ts';

export function availabilityDeps(c: Context<AppEnv>): AvailabilityDeps {
  const log = c.get('log');
  return {
    kv: c.env.CACHE,
    client: createPoolClient({ config: getConfig(c.env).upstream, log }),
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
