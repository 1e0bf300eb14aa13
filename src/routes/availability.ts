// Public availability: pool stock per offered country and active incidents, from the KV cache (never one
// upstream call per visitor; see src/pool/availability.ts).
import { Hono } from 'hono';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import {
  activeIncidents,
  availabilityCacheControl,
  INCIDENTS,
  offeredStock,
  readAvailability,
  STOCK,
} from '../pool/index.ts';

export const availability = new Hono<AppEnv>()
  .get('/stock', readsFrom('replica'), async (c) => {
    const { services } = c.var;
    const cached = await readAvailability(STOCK, services);
    c.header('Cache-Control', availabilityCacheControl(cached, services.clock.now()));
    return c.json(offeredStock(cached, services.config.countries));
  })
  .get('/incidents', readsFrom('replica'), async (c) => {
    const cached = await readAvailability(INCIDENTS, c.var.services);
    c.header('Cache-Control', availabilityCacheControl(cached, c.var.services.clock.now()));
    return c.json(activeIncidents(cached));
  });
