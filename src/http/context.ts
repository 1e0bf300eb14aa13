// The Hono environment every request has: its id and its services. A guard adds its own variables to the routes
// behind it (`GuardedEnv`), so a handler that did not pass the guard cannot read them (as Hono's own `requestId`
// exports `RequestIdVariables`).
import type { Services } from '../services/index.ts';

/** What every request carries, set by `requestContext` (src/http/middleware.ts) before any route runs. */
export interface RequestVariables {
  /** Hono's `requestId`: on the response, every log line and every error answer. */
  requestId: string;
  /** The request's services, built once (the logger is `services.log`). */
  services: Services;
}

export interface AppEnv {
  Bindings: Env;
  Variables: RequestVariables;
}

/** The env a guard declares: the request's own variables and the ones the guard sets (`V`). */
export interface GuardedEnv<V extends object> {
  Bindings: Env;
  Variables: RequestVariables & V;
}
