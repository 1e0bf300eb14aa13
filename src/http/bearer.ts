// Authentication of the customer API (/api/v1): `Authorization: Bearer pst_…` and nothing else. A session cookie is
// never read here (and the cookie routes never read Authorization), so a browser's ambient credentials can never
// act through the API, nor a leaked token through the dashboard. Each token has its own per-minute limit, announced
// with the IETF RateLimit headers.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ApiScope } from '../shared/tokens.ts';
import { authenticateToken, TokenError, type TokenIdentity } from '../tokens/index.ts';
import type { AppEnv, GuardedEnv } from './context.ts';
import { errorResponse } from './errors.ts';

/** The API_TOKEN_LIMITER binding's period (wrangler.toml); its windows are aligned to the wall-clock minute. */
const WINDOW_SECONDS = 60;
const POLICY = 'per-token';
const BEARER = /^Bearer\s+(\S+)\s*$/i;

function refuse<E extends AppEnv>(c: Context<E>, err: TokenError, challenge: string) {
  const res = errorResponse(c, err.status as 401 | 403, err.code, err.message);
  res.headers.set('WWW-Authenticate', challenge);
  return res;
}

/** What `requireToken` sets: the personal access token of the request and whose it is. */
export interface TokenVariables {
  token: TokenIdentity;
}

/** Seconds until the limiter's current window ends. */
function secondsLeftInWindow(now: number): number {
  return Math.max(1, Math.ceil(WINDOW_SECONDS - ((now / 1000) % WINDOW_SECONDS)));
}

/**
 * 401 unless the request carries a live token of a customer who is not suspended, 403 `insufficient_scope` unless
 * it has `scope`, 429 once the token is over its per-minute limit; sets `token`. Every answer past authentication
 * carries `RateLimit-Policy` (the binding tells nothing about what is left, so `RateLimit` comes with a refusal).
 */
export function requireToken(scope: ApiScope) {
  return createMiddleware<GuardedEnv<TokenVariables>>(async (c, next) => {
    const { services } = c.var;
    const given = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (!given)
      return refuse(
        c,
        new TokenError('unauthenticated', 'Send your API token as `Authorization: Bearer pst_…`.'),
        'Bearer realm="api"',
      );
    let identity: Awaited<ReturnType<typeof authenticateToken>>;
    try {
      identity = await authenticateToken(services, given);
    } catch (err) {
      if (!(err instanceof TokenError)) throw err;
      return refuse(
        c,
        err,
        `Bearer realm="api", error="${err.status === 401 ? 'invalid_token' : 'insufficient_scope'}"`,
      );
    }
    if (!identity.scopes.includes(scope))
      return refuse(
        c,
        new TokenError('insufficient_scope', `This API token lacks the "${scope}" scope. Make one that has it.`),
        `Bearer realm="api", error="insufficient_scope", scope="${scope}"`,
      );
    c.set('token', identity);
    const policy = `"${POLICY}";q=${services.config.api.requestsPerMinute};w=${WINDOW_SECONDS}`;
    const { success } = await services.limiters.apiTokens.limit({ key: identity.tokenId });
    if (!success) {
      const wait = secondsLeftInWindow(services.clock.now());
      const res = errorResponse(
        c,
        429,
        'rate_limited',
        `This API token made more than ${services.config.api.requestsPerMinute} requests this minute. Wait ${wait} s, then try again.`,
        wait,
      );
      res.headers.set('RateLimit-Policy', policy);
      res.headers.set('RateLimit', `"${POLICY}";r=0;t=${wait}`);
      return res;
    }
    await next();
    c.header('RateLimit-Policy', policy);
  });
}
