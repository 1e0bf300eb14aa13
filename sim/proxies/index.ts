// Proxies.sx simulator: the reseller API and public gateway endpoints of docs/UPSTREAM.md (mounted under /v1)
// with the platform's rules (auth 401/403, cap validation, 24 h idempotency replay, top-up semantics,
// auto-suspend at the cap, expiry, per-key sessions), and test controls (mounted under /_sim/proxies).
// Shapes come from src/pool/contract.ts, the same module the shop's client validates with.
import { Hono } from 'hono';
import { resellerAuth } from './auth.ts';
import { recordAndFault } from './faults.ts';
import { gatewayApi } from './gateway-api.ts';
import type { Env } from './http.ts';
import { resellerApi } from './reseller-api.ts';

export { proxiesControls } from './controls.ts';

export const proxiesApi = new Hono<Env>()
  .use('/reseller/*', recordAndFault, resellerAuth)
  .use('/gateway/pool/my-sessions/*', recordAndFault, resellerAuth)
  .use('/gateway/pool/stock', recordAndFault)
  .use('/gateway/incidents', recordAndFault)
  .use('/x402/*', recordAndFault)
  .route('/', resellerApi)
  .route('/', gatewayApi);
