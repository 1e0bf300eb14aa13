// Per-customer limits on the routes that spend the reseller's upstream quota (a Stripe or Proxies.sx call each), so
// one customer's script cannot use up the reseller's rate limits for everybody. Counted at the edge by Workers
// rate-limit bindings (`[[ratelimits]]` in wrangler.toml, where their numbers live), keyed by route and customer.
import { createMiddleware } from 'hono/factory';
import type { Services } from '../services/index.ts';
import { words } from '../shared/i18n/translate.ts';
import type { TokenVariables } from './bearer.ts';
import type { GuardedEnv } from './context.ts';
import { ApiError, signInFirst } from './errors.ts';
import type { SessionVariables } from './session.ts';

/** The limited routes, each counted on its own, and which binding counts it. */
const LIMITER_OF = {
  checkout: 'customerActions',
  rotate: 'customerActions',
  reveal: 'customerActions',
  order: 'customerCalls',
  usage: 'customerCalls',
  sessions: 'customerCalls',
  close_sessions: 'customerCalls',
} as const satisfies Record<string, keyof Services['limiters']>;

export type CustomerLimit = keyof typeof LIMITER_OF;

/** The period of both bindings in wrangler.toml: a refused request may try again after it. */
export const CUSTOMER_LIMIT_PERIOD_SECONDS = 60;

/** 429 `rate_limited` with Retry-After once this customer is over the route's limit. */
async function spend(services: Services, route: CustomerLimit, customerId: string | undefined): Promise<void> {
  if (!customerId) throw signInFirst();
  const { success } = await services.limiters[LIMITER_OF[route]].limit({ key: `${route}:${customerId}` });
  if (!success)
    throw new ApiError(
      429,
      'rate_limited',
      'Too many requests from your account. Wait a minute, then try again.',
      CUSTOMER_LIMIT_PERIOD_SECONDS,
      words('error.tooManyRequests'),
    );
}

/**
 * After `requireSession`: 429 `rate_limited` with Retry-After once this customer is over the route's limit. The
 * dashboard and the customer's API tokens (`limitPerToken`) share it: both spend the same upstream quota.
 */
export function limitPerCustomer(route: CustomerLimit) {
  return createMiddleware<GuardedEnv<Partial<SessionVariables>>>(async (c, next) => {
    await spend(c.var.services, route, c.var.identity?.customerId);
    await next();
  });
}

/** After `requireToken`: the same limit as `limitPerCustomer`, counted for the token's customer. */
export function limitPerToken(route: CustomerLimit) {
  return createMiddleware<GuardedEnv<Partial<TokenVariables>>>(async (c, next) => {
    await spend(c.var.services, route, c.var.token?.customerId);
    await next();
  });
}
