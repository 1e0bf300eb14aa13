// Which copy of the database answers a request (D1 read replication through the Sessions API), and the bookmark
// that lets a browser read its own writes. Money, key and console paths ask the primary, so a revoked session or a
// suspension is seen at once where it matters; the dashboard's reads go to the nearest replica that is at least as
// new as the browser's last write (its bookmark, returned in a cookie). The trade-off: a session revoked a moment ago
// may still READ its own account from a replica until that replica catches up (its replication lag, usually well
// under a second); it can never reveal or rotate a key, pay, or act in the console, which all ask the primary.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from './context.ts';

export const BOOKMARK_COOKIE = '__Host-d1-bookmark';

/** D1 bookmarks are hex groups joined by hyphens (`00000000-00000007-…`); anything else in the cookie is ignored. */
const BOOKMARK = /^[0-9a-f]{1,64}(-[0-9a-f]{1,64}){0,7}$/i;

/** GETs that move money or a key along (the order poll runs the reconcile), and everything in the console. */
const PRIMARY_READS = [/^\/api\/orders\//, /^\/api\/admin(\/|$)/];

/** The D1 session a request starts: the primary for writes and the paths above, else the browser's bookmark. */
export function consistencyOf(c: Context<AppEnv>): D1SessionConstraint | D1SessionBookmark {
  const read = c.req.method === 'GET' || c.req.method === 'HEAD';
  if (!read || PRIMARY_READS.some((path) => path.test(c.req.path))) return 'first-primary';
  const bookmark = getCookie(c, BOOKMARK_COOKIE);
  return bookmark && BOOKMARK.test(bookmark) ? bookmark : 'first-unconstrained';
}

/** Hands the browser the request's bookmark when it moved, so its next request reads at least this far. */
export function returnBookmark(c: Context<AppEnv>, bookmark: string | null): void {
  if (!bookmark || bookmark === getCookie(c, BOOKMARK_COOKIE)) return;
  setCookie(c, BOOKMARK_COOKIE, bookmark, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}
