// Per-customer limits on the routes that spend the reseller's upstream quota (a Stripe or Proxies.sx call each), so
// one customer's script cannot use up the reseller's rate limits for everybody. Counted at the edge by Workers
// rate-limit bindings (`[[ratelimits]]` in wrangler.toml, where their numbers live), keyed by route and customer.
import type { MiddlewareHandler } from 'hono';
import type { Services } from '../services/index.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

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

/**
 * After `requireSession` or `requireToken`: 429 `rate_limited` with Retry-After once this customer is over the route's
 * limit. The dashboard and the customer's API tokens share it: both spend the same upstream quota.
 */
export function limitPerCustomer(route: CustomerLimit): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = c.var.services.limiters[LIMITER_OF[route]];
    const customerId = c.get('token')?.customerId ?? c.var.identity.customerId;
    const { success } = await limiter.limit({ key: `${route}:${customerId}` });
    if (!success)
      throw new ApiError(
        429,
        'rate_limited',
        'Too many requests from your account. Wait a minute, then try again.',
        CUSTOMER_LIMIT_PERIOD_SECONDS,
      );
    await next();
  };
}
