// Authentication of the customer API (/api/v1): `Authorization: Bearer pst_…` and nothing else. A session cookie is
// never read here (and the cookie routes never read Authorization), so a browser's ambient credentials can never
// act through the API, nor a leaked token through the dashboard. Three limits, each a rate-limit binding:
// - per client network, requests whose token has not been seen working lately (unknown, revoked, mistyped, or a good
//   one's first use in this isolate), counted BEFORE D1 is asked: guessing tokens is throttled and costs no lookups;
// - per token, and per customer over all their tokens (one budget however many tokens they make or remake), both
//   announced with the IETF RateLimit header fields.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requesterNetwork } from '../auth/index.ts';
import { sha256Hex } from '../crypto.ts';
import type { Services } from '../services/index.ts';
import type { ApiScope } from '../shared/tokens.ts';
import { authenticateToken, TokenError, type TokenIdentity } from '../tokens/index.ts';
import { declareRead, declaring, type ReadDeclaration } from './consistency.ts';
import type { AppEnv, GuardedEnv } from './context.ts';
import { errorResponse } from './errors.ts';

/** The period of the API's limiter bindings (wrangler.toml); their windows are aligned to the wall-clock minute. */
const WINDOW_SECONDS = 60;
const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** A token is a credential and the API answers with the key's secret: always the primary, whatever came before. */
const PRIMARY: ReadDeclaration = { copy: 'primary', by: 'route' };

/** Hashes of tokens that worked lately in this isolate (they skip the per-network count), with when that ends. */
const workedLately = new Map<string, number>();
const WORKED_LATELY_MS = WINDOW_SECONDS * 1000;
const WORKED_LATELY_MAX = 1000;

function rememberWorked(hash: string, now: number): void {
  workedLately.delete(hash);
  workedLately.set(hash, now + WORKED_LATELY_MS);
  // Oldest first: forget the ones that have waited longest once the isolate holds enough.
  for (const oldest of workedLately.keys()) {
    if (workedLately.size <= WORKED_LATELY_MAX) break;
    workedLately.delete(oldest);
  }
}

function refuse<E extends AppEnv>(c: Context<E>, err: TokenError, challenge: string) {
  const res = errorResponse(c, err.status as 401 | 403, err.code, err.message);
  res.headers.set('WWW-Authenticate', challenge);
  return res;
}

/** What `requireToken` sets: the personal access token of the request and whose it is. */
export interface TokenVariables {
  token: TokenIdentity;
}

/** Seconds until the limiters' current window ends. */
function secondsLeftInWindow(now: number): number {
  return Math.max(1, Math.ceil(WINDOW_SECONDS - ((now / 1000) % WINDOW_SECONDS)));
}

/** The limits every answer past authentication announces (RateLimit-Policy, one list item per policy). */
function policies({ api }: Services['config']): string {
  return `"per-token";q=${api.requestsPerMinute};w=${WINDOW_SECONDS}, "per-customer";q=${api.customerRequestsPerMinute};w=${WINDOW_SECONDS}`;
}

/** 429 with Retry-After and the policy it is over (`RateLimit: "<policy>";r=0;t=<s>`). */
function overLimit<E extends AppEnv>(c: Context<E>, policy: string, message: string, services: Services) {
  const wait = secondsLeftInWindow(services.clock.now());
  const res = errorResponse(c, 429, 'rate_limited', `${message} Wait ${wait} s, then try again.`, wait);
  res.headers.set('RateLimit-Policy', policies(services.config));
  res.headers.set('RateLimit', `"${policy}";r=0;t=${wait}`);
  return res;
}

/**
 * 429 before anything else when the client's network sent too many tokens not seen working lately; 401 unless the
 * request carries a live token of a customer who is not suspended, 403 `insufficient_scope` unless it has `scope`,
 * 429 once the token or its customer is over the per-minute limit; sets `token`. Every answer past authentication
 * carries `RateLimit-Policy` (the bindings tell nothing about what is left, so `RateLimit` comes with a refusal).
 */
export function requireToken(scope: ApiScope) {
  const guard = createMiddleware<GuardedEnv<TokenVariables>>(async (c, next) => {
    declareRead(c, PRIMARY);
    const { services } = c.var;
    const { config, limiters, clock } = services;
    const given = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (!given)
      return refuse(
        c,
        new TokenError('unauthenticated', 'Send your API token as `Authorization: Bearer pst_…`.'),
        'Bearer realm="api"',
      );
    const hash = await sha256Hex(given);
    if ((workedLately.get(hash) ?? 0) <= clock.now()) {
      const network = requesterNetwork(c.req.header('cf-connecting-ip') ?? null);
      if (!(await limiters.apiAuth.limit({ key: `api-auth:${network}` })).success) {
        const wait = secondsLeftInWindow(clock.now());
        return errorResponse(
          c,
          429,
          'rate_limited',
          `Too many requests with API tokens that do not work came from your network. Wait ${wait} s, then try again.`,
          wait,
        );
      }
    }
    let identity: TokenIdentity;
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
    rememberWorked(hash, clock.now());
    if (!identity.scopes.includes(scope))
      return refuse(
        c,
        new TokenError('insufficient_scope', `This API token lacks the "${scope}" scope. Make one that has it.`),
        `Bearer realm="api", error="insufficient_scope", scope="${scope}"`,
      );
    c.set('token', identity);
    if (!(await limiters.apiTokens.limit({ key: identity.tokenId })).success)
      return overLimit(
        c,
        'per-token',
        `This API token made more than ${config.api.requestsPerMinute} requests this minute.`,
        services,
      );
    if (!(await limiters.apiCustomers.limit({ key: identity.customerId })).success)
      return overLimit(
        c,
        'per-customer',
        `Your API tokens together made more than ${config.api.customerRequestsPerMinute} requests this minute.`,
        services,
      );
    await next();
    c.header('RateLimit-Policy', policies(config));
  });
  return declaring(guard, PRIMARY);
}
