// The reseller's API key as the platform checks it: full scope, no scope (403), wrong or missing (401).
import type { MiddlewareHandler } from 'hono';
import { type Env, nestError } from './http.ts';

/** The key in .dev.vars.example: full scope (`customers:write`). */
const SIM_RESELLER_KEY = 'psx_sim_reseller_key';
/** A valid key without the `customers:write` scope: every reseller call answers 403. */
const SIM_NO_SCOPE_KEY = 'psx_sim_no_scope_key';

export const resellerAuth: MiddlewareHandler<Env> = async (c, next) => {
  const key = c.req.header('x-api-key');
  if (key === SIM_RESELLER_KEY) return next();
  if (key === SIM_NO_SCOPE_KEY) return nestError(c, 403, 'API key lacks required scope: customers:write');
  // Older platform fixtures answer 401 with this bare body.
  if (!key) return c.json({ error: 'unauthorized' }, 401);
  return nestError(c, 401, 'Invalid API key');
};
