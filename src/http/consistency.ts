// Which copy of the database answers a request (D1 read replication through the Sessions API), declared by the route
// rather than guessed from its path: a new route that says nothing reads the primary, so it can never serve a revoked
// credential or an old secret from a lagging replica.
//
// - `primary`: the copy every write goes to. Anything that authenticates a credential or returns a secret (the
//   session and token guards' default), moves money or a key along, or acts in the console.
// - `bookmark`: the nearest replica at least as new as the browser's last write (its bookmark, returned in a cookie),
//   any replica when it has none. The dashboard's own reads: one round trip near the customer. The trade-off: a session
//   revoked a moment ago may still READ its own account there until the replica catches up (its replication lag).
// - `replica`: any copy, for routes that read nothing of anybody's (the public config, availability, the docs).
//
// A write (any method but GET and HEAD) always asks the primary, whatever was declared.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from './context.ts';

export type ReadCopy = 'primary' | 'bookmark' | 'replica';

/** What a handler in a route's chain says about the copy it reads: its own choice, or a guard's default. */
export interface ReadDeclaration {
  copy: ReadCopy;
  /** `route`: the route or router chose (the last one before the database is opened wins); `default`: a guard's
   * choice, taken only when the route chose nothing. */
  by: 'route' | 'default';
}

export const BOOKMARK_COOKIE = '__Host-d1-bookmark';

/** D1 bookmarks are hex groups joined by hyphens (`00000000-00000007-…`); anything else in the cookie is ignored. */
const BOOKMARK = /^[0-9a-f]{1,64}(-[0-9a-f]{1,64}){0,7}$/i;
const DECLARES = Symbol('reads from');

interface RequestRead {
  declared?: ReadDeclaration;
  /** The D1 session was started: the choice is made. */
  opened: boolean;
}

/** Per request (keyed by its Request object): what was declared so far and whether the database was opened. */
const reads = new WeakMap<Request, RequestRead>();

function readOf(c: Context): RequestRead {
  let read = reads.get(c.req.raw);
  if (!read) {
    read = { opened: false };
    reads.set(c.req.raw, read);
  }
  return read;
}

/** Records a declaration for this request. A route's own choice made after the database was opened is a bug in the
 * route's chain (the choice came too late to count): it throws rather than silently read another copy. */
export function declareRead(c: Context, declaration: ReadDeclaration): void {
  const read = readOf(c);
  if (declaration.by === 'default') {
    read.declared ??= declaration;
    return;
  }
  if (read.opened)
    throw new Error(`readsFrom('${declaration.copy}') came after the database was opened: put it before the guards`);
  read.declared = declaration;
}

/** Marks `handler` as declaring `declaration`, so the route table can be checked (test/http/consistency.test.ts). */
export function declaring<H extends object>(handler: H, declaration: ReadDeclaration): H {
  return Object.assign(handler, { [DECLARES]: declaration });
}

/** The declaration a handler of a route's chain makes, if it makes one. */
export function declarationOf(handler: unknown): ReadDeclaration | undefined {
  return (handler as { [DECLARES]?: ReadDeclaration } | null)?.[DECLARES];
}

/** The route (or router) reads from `copy`: put it before any guard, which opens the database. */
export function readsFrom(copy: ReadCopy): MiddlewareHandler<AppEnv> {
  const declaration: ReadDeclaration = { copy, by: 'route' };
  return declaring<MiddlewareHandler<AppEnv>>(async (c, next) => {
    declareRead(c, declaration);
    await next();
  }, declaration);
}

/** The D1 session a request starts, as its route declared; the primary when it declared nothing, and for writes. */
export function consistencyOf(c: Context<AppEnv>): D1SessionConstraint | D1SessionBookmark {
  const read = readOf(c);
  read.opened = true;
  const copy = read.declared?.copy ?? 'primary';
  const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  if (write || copy === 'primary') return 'first-primary';
  if (copy === 'replica') return 'first-unconstrained';
  const bookmark = getCookie(c, BOOKMARK_COOKIE);
  return bookmark && BOOKMARK.test(bookmark) ? bookmark : 'first-unconstrained';
}

/** Hands the browser the request's bookmark when it moved, so its next request reads at least this far. */
export function returnBookmark(c: Context<AppEnv>, bookmark: string | null): void {
  if (!bookmark || bookmark === getCookie(c, BOOKMARK_COOKIE)) return;
  setCookie(c, BOOKMARK_COOKIE, bookmark, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}
