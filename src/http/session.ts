// Session middleware: the `__Host-session` cookie holds a session JWT (HS256, issuer and audience
// pinned); the server-side row decides whether it is still live. Protected routes read `c.get('identity')`.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Session } from '../../schema.ts';
import { findActiveSession, needsRenewal, renewSession, signSessionToken, verifySessionToken } from '../auth/index.ts';
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

/** The identity behind the request's cookie, renewing the cookie once it is past half its life; null if none is live. */
async function resolveIdentity(c: Context<AppEnv>): Promise<SessionIdentity | null> {
  const jwt = getCookie(c, SESSION_COOKIE);
  if (!jwt) return null;
  const { config, db } = c.var.services;
  const claims = await verifySessionToken(config.auth, config.publicUrl, jwt);
  if (!claims) return null;
  const active = await findActiveSession(db, claims);
  if (!active) return null;
  let session = active.session;
  if (needsRenewal(claims)) {
    const renewed = await renewSession(db, session);
    if (!renewed) return null;
    if (renewed.expiresAt > claims.expiresAt) await issueSessionCookie(c, renewed);
    session = renewed;
  }
  return {
    customerId: session.customerId,
    email: active.email,
    sessionId: session.id,
    signedInAt: session.signedInAt,
    isAdmin: config.adminEmails.includes(active.email),
  };
}

/** Responses that depend on who is asking are never stored by a browser or a proxy. */
function markPrivate(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'private, no-store');
}

/** 401 `unauthenticated` unless the request carries a live session; sets `identity`. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const identity = await resolveIdentity(c);
  if (!identity) {
    if (getCookie(c, SESSION_COOKIE)) clearSessionCookie(c);
    throw new ApiError(401, 'unauthenticated', 'Please sign in.');
  }
  c.set('identity', identity);
  await next();
  markPrivate(c);
};

/** Sets `identity` when the request carries a live session and carries on either way (read it with `currentIdentity`). */
export const optionalSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const identity = await resolveIdentity(c);
  if (identity) c.set('identity', identity);
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
