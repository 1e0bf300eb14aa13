// The Cloudflare API's conventions, shared by every route: the `{success, errors, messages, result, result_info}`
// envelope, Bearer-token authentication, per-account scoping and page-based lists.
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { Account, CloudflareState } from './state.ts';

/** `unrouted`: no simulated endpoint matched (the call log flags it: an API wrangler uses that is missing here). */
export type CfEnv = { Variables: { account: Account; state: CloudflareState; unrouted?: boolean } };
export type CfContext = Context<CfEnv>;

export const newRouter = () => new Hono<CfEnv>();

export function ok(c: Context, result: unknown, resultInfo?: Record<string, unknown>) {
  return c.json({ success: true, errors: [], messages: [], result, ...(resultInfo && { result_info: resultInfo }) });
}

/** An API error in Cloudflare's shape; wrangler reads `errors[0].code` (10007 "not found", 10000 "auth", …). */
export function fail(c: Context, status: 400 | 401 | 403 | 404 | 409, code: number, message: string, notes?: string[]) {
  return c.json(
    {
      success: false,
      errors: [{ code, message, ...(notes && { notes: notes.map((text) => ({ text })) }) }],
      messages: [],
      result: null,
    },
    status,
  );
}

/** `?page=&per_page=` over a list, with the `result_info` wrangler pages with. */
export function paged(c: Context, items: unknown[], defaultPerPage = 20) {
  const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
  const perPage = Math.max(1, Number(c.req.query('per_page') ?? defaultPerPage) || defaultPerPage);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return ok(c, slice, {
    page,
    per_page: perPage,
    count: slice.length,
    total_count: items.length,
    total_pages: Math.ceil(items.length / perPage),
  });
}

/** Every call needs `Authorization: Bearer <the account's API token>`; `/accounts/:id/…` must be that account. */
export function requireToken(state: CloudflareState): MiddlewareHandler<CfEnv> {
  return async (c, next) => {
    const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const account = token ? state.accountForToken(token) : undefined;
    if (!account) return fail(c, 403, 10000, 'Authentication error');
    const scoped = /^\/client\/v4\/accounts\/([^/]+)/.exec(c.req.path)?.[1];
    if (scoped && scoped !== account.id) return fail(c, 403, 10000, 'Authentication error');
    c.set('account', account);
    c.set('state', state);
    await next();
  };
}

/** Reads a JSON body, or undefined when it is not JSON (routes answer 400 then). */
export async function jsonBody<T>(c: Context): Promise<T | undefined> {
  try {
    return (await c.req.json()) as T;
  } catch {
    return undefined;
  }
}
