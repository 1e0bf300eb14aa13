// One declaration per customer API route (/api/v1), as @hono/zod-openapi's `createRoute` and chanfana's endpoint
// schema do it, without their second zod: the declaration names the method, the path, the token scope, the inputs,
// the answer and what the OpenAPI document says, and Hono gets the route's guards and validators from it. Each
// declaration is recorded as its route is mounted, so the document lists exactly the routes there are.
import type { Handler, MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import type { HandlerResponse } from 'hono/types';
import type { ApiOperation } from '../api/openapi.ts';
import type { ApiScope } from '../shared/tokens.ts';
import { countSecretRead } from '../tokens/index.ts';
import type * as z from '../zod.ts';
import { requireToken, type TokenVariables } from './bearer.ts';
import { readsFrom } from './consistency.ts';
import type { AppEnv, GuardedEnv } from './context.ts';
import { type CustomerLimit, limitPerToken } from './limits.ts';
import { privateNoStore } from './middleware.ts';
import { validate } from './validate.ts';

/** A route that needs a token: its scope, and the per-customer limit it spends when it calls the platform. */
export interface TokenOperation extends ApiOperation {
  scope: ApiScope;
  limit?: CustomerLimit;
  /** Its answer carries the key's secret: each read is counted in the audit log (per token and day). */
  secret?: true;
}

/** A route anyone may read (the documentation itself). */
export interface PublicOperation extends ApiOperation {
  scope: null;
}

type Part<S, Target extends string, Io extends 'in' | 'out'> = S extends z.ZodMiniType
  ? { [K in Target]: Io extends 'in' ? z.input<S> : z.output<S> }
  : Record<never, never>;

/** What `c.req.valid(…)` holds behind the declaration's validators. */
export type OperationInput<O extends ApiOperation> = {
  in: Part<O['query'], 'query', 'in'> & Part<O['params'], 'param', 'in'>;
  out: Part<O['query'], 'query', 'out'> & Part<O['params'], 'param', 'out'>;
};

/** A token route as Hono's `on` takes it: method, path, guards, validators, limit, handler. */
type TokenRoute<O extends TokenOperation, R extends HandlerResponse<unknown>> = readonly [
  O['method'],
  O['path'],
  MiddlewareHandler<AppEnv>,
  MiddlewareHandler<GuardedEnv<TokenVariables>>,
  MiddlewareHandler<AppEnv, O['path'], OperationInput<O>>,
  MiddlewareHandler<AppEnv>,
  MiddlewareHandler<GuardedEnv<TokenVariables>>,
  Handler<GuardedEnv<TokenVariables>, O['path'], OperationInput<O>, R>,
];

/** A public route as Hono's `on` takes it: method, path, the copy it reads, validators, handler. */
type PublicRoute<O extends PublicOperation, R extends HandlerResponse<unknown>> = readonly [
  O['method'],
  O['path'],
  MiddlewareHandler<AppEnv>,
  MiddlewareHandler<AppEnv, O['path'], OperationInput<O>>,
  Handler<AppEnv, O['path'], OperationInput<O>, R>,
];

const carryOn: MiddlewareHandler = async (_c, next) => {
  await next();
};

/** After the answer (it does not change it): one more read of the secret by this token today, when it got one. */
const countsSecretReads: MiddlewareHandler<GuardedEnv<TokenVariables>> = async (c, next) => {
  await next();
  if (c.res.status === 200) c.var.services.waitUntil(countSecretRead(c.var.services, c.var.token, c.var.requestId));
};

/** The declaration's validators (path parameters, then the query), each a 400 `invalid_request` when refused. */
function validators<O extends ApiOperation>(op: O): MiddlewareHandler<AppEnv, O['path'], OperationInput<O>> {
  const checks: MiddlewareHandler[] = [];
  if (op.params) checks.push(validate('param', op.params));
  if (op.query) checks.push(validate('query', op.query));
  return every(...checks);
}

/** The customer API's routes as they are declared; `operations` is what the OpenAPI document lists. */
export function apiRoutes() {
  const recorded: ApiOperation[] = [];
  const operations: readonly ApiOperation[] = recorded;
  return {
    operations,

    /**
     * A token route: private answers, the token and its scope (read from the primary: the token may have been revoked
     * a moment ago, and the answers carry the key's secret), the inputs, the customer's limit, then `handler`.
     */
    route<const O extends TokenOperation, R extends HandlerResponse<unknown>>(
      op: O,
      handler: Handler<GuardedEnv<TokenVariables>, NoInfer<O['path']>, NoInfer<OperationInput<O>>, R>,
    ): TokenRoute<O, R> {
      recorded.push(op);
      return [
        op.method,
        op.path,
        privateNoStore,
        requireToken(op.scope),
        validators(op),
        op.limit ? limitPerToken(op.limit) : carryOn,
        op.secret ? countsSecretReads : carryOn,
        handler,
      ];
    },

    /** A route without a token (the documentation, which reads nothing of anybody's): its inputs, then `handler`. */
    publicRoute<const O extends PublicOperation, R extends HandlerResponse<unknown>>(
      op: O,
      handler: Handler<AppEnv, NoInfer<O['path']>, NoInfer<OperationInput<O>>, R>,
    ): PublicRoute<O, R> {
      recorded.push(op);
      return [op.method, op.path, readsFrom('replica'), validators(op), handler];
    },
  };
}
