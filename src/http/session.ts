// Session middleware: the `__Host-session` cookie holds a session JWT (HS256, issuer and audience
// pinned); the server-side row decides whether it is still live. Protected routes read `c.get('identity')`.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Session } from '../../schema.ts';
import { activeSession, needsRenewal, sessionReads, signSessionToken, verifySessionToken } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { type ReadResults, type Reads, readTogether } from '../db/reads.ts';
import type { AppEnv, SessionIdentity } from './context.ts';
import { ApiError } from './errors.ts';

const SESSION_COOKIE = '__Host-session';

/** Sets the session cookie for `session` (HttpOnly, Secure, SameSite=Lax, host-only, path /). */
export async function issueSessionCookie(c: Context<AppEnv>, session: Session): Promise<void> {
  const { config } = c.var.services;
  const jwt = await signSessionToken(config.auth, config.publicUrl, session);
  setCookie(c, SESSION_COOKIE, jwt, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: Math.max(0, Math.floor((session.expiresAt - Date.now()) / 1000)),
  });
}

/** Whether the request carries a session cookie at all (not whether it is valid: that needs the sessions table). */
export function hasSessionCookie(c: Context<AppEnv>): boolean {
  return Boolean(getCookie(c, SESSION_COOKIE));
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}

/** What a protected route reads beside the session check, keyed by the customer id of the verified JWT. */
export type RouteReads<R extends Reads> = (db: Db, customerId: string, c: Context<AppEnv>) => R;

/** The Hono env of a route whose guard also read `R`: `c.var.reads` holds the answers. */
export type ReadingEnv<R extends Reads> = AppEnv & { Variables: { reads: ReadResults<R> } };

/**
 * The identity behind the request's cookie and the route's own reads, in ONE D1 round trip: the JWT is verified
 * first (no D1), then the session check, its renewal when the JWT is past half its life, and the route's reads go
 * in one batch keyed by the JWT's customer id. A dead session (revoked, expired, another customer's) answers null
 * and the route's rows are thrown away unread. A renewed session gets a fresh cookie.
 */
async function resolveSession<R extends Reads>(
  c: Context<AppEnv>,
  routeReads: RouteReads<R> | undefined,
): Promise<{ identity: SessionIdentity; reads: ReadResults<R> } | null> {
  const jwt = getCookie(c, SESSION_COOKIE);
  if (!jwt) return null;
  const { config, db } = c.var.services;
  const claims = await verifySessionToken(config.auth, config.publicUrl, jwt);
  if (!claims) return null;
  const now = Date.now();
  const [check, reads] = await readTogether(
    db,
    sessionReads(db, claims, now),
    routeReads ? routeReads(db, claims.customerId, c) : ({} as R),
  );
  const active = activeSession(check);
  if (!active) return null;
  const { session, customer } = active;
  if (needsRenewal(claims, now) && session.expiresAt > claims.expiresAt) await issueSessionCookie(c, session);
  return {
    identity: {
      customerId: session.customerId,
      email: customer.email,
      customer,
      sessionId: session.id,
      signedInAt: session.signedInAt,
      isAdmin: config.adminEmails.includes(customer.email),
    },
    reads,
  };
}

/** Responses that depend on who is asking are never stored by a browser or a proxy. */
function markPrivate(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'private, no-store');
}

/**
 * 401 `unauthenticated` unless the request carries a live session; sets `identity`, and `reads` with the answers of
 * `routeReads` (read in the same round trip as the session check).
 */
export function requireSessionReading<R extends Reads>(routeReads?: RouteReads<R>): MiddlewareHandler<ReadingEnv<R>> {
  return async (c, next) => {
    const found = await resolveSession(c as unknown as Context<AppEnv>, routeReads);
    if (!found) {
      if (getCookie(c, SESSION_COOKIE)) clearSessionCookie(c as unknown as Context<AppEnv>);
      throw new ApiError(401, 'unauthenticated', 'Please sign in.');
    }
    c.set('identity', found.identity);
    c.set('reads', found.reads);
    await next();
    markPrivate(c as unknown as Context<AppEnv>);
  };
}

/** 401 `unauthenticated` unless the request carries a live session; sets `identity`. */
export const requireSession: MiddlewareHandler<AppEnv> =
  requireSessionReading() as unknown as MiddlewareHandler<AppEnv>;

/** Sets `identity` when the request carries a live session and carries on either way (read it with `currentIdentity`). */
export const optionalSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const found = await resolveSession(c, undefined);
  if (found) c.set('identity', found.identity);
  else if (getCookie(c, SESSION_COOKIE)) clearSessionCookie(c);
  await next();
  markPrivate(c);
};

/** The identity set by `requireSession` or `optionalSession`, if any. */
export function currentIdentity(c: Context<AppEnv>): SessionIdentity | undefined {
  return c.get('identity') as SessionIdentity | undefined;
}

/**
 * After `requireSession`: 403 `reauth_required` unless the magic link behind this session was used within
 * `maxAgeMs` (e.g. before rotating a key). The customer confirms by signing in again with a fresh email link.
 */
export function requireRecentSignIn(maxAgeMs: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const identity = currentIdentity(c);
    if (!identity) throw new ApiError(401, 'unauthenticated', 'Please sign in.');
    if (Date.now() - identity.signedInAt > maxAgeMs) {
      const minutes = Math.round(maxAgeMs / 60_000);
      throw new ApiError(
        403,
        'reauth_required',
        `For your security, confirm it's you: sign in again with a fresh link from your email (this needs a sign-in from the last ${minutes} minutes), then retry.`,
      );
    }
    await next();
  };
}

/** After `requireSession`: 403 `forbidden` unless the customer's email is in ADMIN_EMAILS. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const identity = currentIdentity(c);
  if (!identity) throw new ApiError(401, 'unauthenticated', 'Please sign in.');
  if (!identity.isAdmin) throw new ApiError(403, 'forbidden', 'This is for the shop’s operators only.');
  await next();
};
