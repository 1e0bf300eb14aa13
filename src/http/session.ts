// Session guards: the `__Host-session` cookie holds a session JWT (HS256, issuer and audience pinned); the
// server-side row decides whether it is still live. Each guard types what it sets, so a handler behind
// `requireSession` reads `c.var.identity` and one that is not behind it cannot.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Customer, Session } from '../../schema.ts';
import type { Operator } from '../admin/index.ts';
import { activeSession, needsRenewal, sessionReads, signSessionToken, verifySessionToken } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { type ReadResults, type Reads, readTogether } from '../db/reads.ts';
import type { SignedInCustomer } from '../shared/api.ts';
import { words } from '../shared/i18n/translate.ts';
import { declareRead, declaring, type ReadDeclaration } from './consistency.ts';
import type { AppEnv, GuardedEnv } from './context.ts';
import { ApiError, signInFirst } from './errors.ts';

const SESSION_COOKIE = '__Host-session';
/** A session is a credential: checked on the primary unless the route declared otherwise (src/http/consistency.ts). */
const PRIMARY_BY_DEFAULT: ReadDeclaration = { copy: 'primary', by: 'default' };

/** The signed-in customer behind a live session. */
export interface SessionIdentity {
  customerId: string;
  email: string;
  /** Their row as the session check read it (suspension, Stripe customer): no need to read it again. */
  customer: Customer;
  sessionId: string;
  /** When the magic link behind this session was used (unix ms): "recent sign-in" checks read it. */
  signedInAt: number;
  isAdmin: boolean;
}

/** What `requireSession` sets. */
export interface SessionVariables {
  identity: SessionIdentity;
}

/** What `requireSessionReading(reads)` sets: the identity and the answers of the route's reads. */
export interface ReadingVariables<R extends Reads> extends SessionVariables {
  reads: ReadResults<R>;
}

/** What `requireAdmin` sets: the operator acting, as the console's domain and its audit log name them. */
export interface OperatorVariables {
  operator: Operator;
}

/** The env of the routes behind `requireSession`. */
export type SessionEnv = GuardedEnv<SessionVariables>;

/** Sets the session cookie for `session` (HttpOnly, Secure, SameSite=Lax, host-only, path /). */
export async function issueSessionCookie<E extends AppEnv>(c: Context<E>, session: Session): Promise<void> {
  const { config, clock } = c.var.services;
  const now = clock.now();
  const jwt = await signSessionToken(config.auth, config.publicUrl, session, now);
  setCookie(c, SESSION_COOKIE, jwt, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: Math.max(0, Math.floor((session.expiresAt - now) / 1000)),
  });
}

/** Whether the request carries a session cookie at all (not whether it is valid: that needs the sessions table). */
export function hasSessionCookie<E extends AppEnv>(c: Context<E>): boolean {
  return Boolean(getCookie(c, SESSION_COOKIE));
}

export function clearSessionCookie<E extends AppEnv>(c: Context<E>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}

/** What a protected route reads beside the session check, keyed by the customer id of the verified JWT (and what
 * the request names, e.g. a path parameter). */
export type RouteReads<R extends Reads> = (db: Db, customerId: string, req: Context['req']) => R;

/**
 * The identity behind the request's cookie and the route's own reads, in ONE D1 round trip: the JWT is verified
 * first (no D1), then the session check, its renewal when the JWT is past half its life, and the route's reads go
 * in one batch keyed by the JWT's customer id. A dead session (revoked, expired, another customer's) answers null
 * and the route's rows are thrown away unread. A renewed session gets a fresh cookie. A stale cookie is cleared.
 */
export async function resolveSession<R extends Reads, E extends AppEnv>(
  c: Context<E>,
  routeReads: RouteReads<R> | undefined,
): Promise<ReadingVariables<R> | null> {
  declareRead(c, PRIMARY_BY_DEFAULT);
  const jwt = getCookie(c, SESSION_COOKIE);
  if (!jwt) return null;
  const found = await checkSession(c, jwt, routeReads);
  if (!found) clearSessionCookie(c);
  return found;
}

async function checkSession<R extends Reads, E extends AppEnv>(
  c: Context<E>,
  jwt: string,
  routeReads: RouteReads<R> | undefined,
): Promise<ReadingVariables<R> | null> {
  const { config, db, clock } = c.var.services;
  const now = clock.now();
  const claims = await verifySessionToken(config.auth, config.publicUrl, jwt, now);
  if (!claims) return null;
  const [check, reads] = await readTogether(
    db,
    sessionReads(db, claims, now),
    routeReads ? routeReads(db, claims.customerId, c.req) : ({} as R),
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

/** Who is signed in, as the app is told (src/shared/api.ts). */
export function signedInCustomer(identity: SessionIdentity): SignedInCustomer {
  return { id: identity.customerId, email: identity.email, isAdmin: identity.isAdmin };
}

/** Responses that depend on who is asking are never stored by a browser or a proxy. */
function markPrivate<E extends AppEnv>(c: Context<E>): void {
  c.header('Cache-Control', 'private, no-store');
}

/**
 * 401 `unauthenticated` unless the request carries a live session; sets `identity`, and `reads` with the answers of
 * `routeReads` (read in the same round trip as the session check).
 */
export function requireSessionReading<R extends Reads>(routeReads: RouteReads<R>) {
  return declaring(
    createMiddleware<GuardedEnv<ReadingVariables<R>>>(async (c, next) => {
      const found = await resolveSession(c, routeReads);
      if (!found) throw signInFirst();
      c.set('identity', found.identity);
      c.set('reads', found.reads);
      await next();
      markPrivate(c);
    }),
    PRIMARY_BY_DEFAULT,
  );
}

/** 401 `unauthenticated` unless the request carries a live session; sets `identity`. */
export const requireSession = declaring(
  createMiddleware<SessionEnv>(async (c, next) => {
    const found = await resolveSession(c, undefined);
    if (!found) throw signInFirst();
    c.set('identity', found.identity);
    await next();
    markPrivate(c);
  }),
  PRIMARY_BY_DEFAULT,
);

/** Sets `identity` when the request carries a live session and carries on either way: `c.var.identity` may be
 * undefined behind it. */
export const optionalSession = declaring(
  createMiddleware<GuardedEnv<Partial<SessionVariables>>>(async (c, next) => {
    const found = await resolveSession(c, undefined);
    if (found) c.set('identity', found.identity);
    await next();
    markPrivate(c);
  }),
  PRIMARY_BY_DEFAULT,
);

/**
 * After `requireSession`: 403 `reauth_required` unless the magic link behind this session was used within
 * `maxAgeMs` (e.g. before rotating a key). The customer confirms by signing in again with a fresh email link.
 */
export function requireRecentSignIn(maxAgeMs: number) {
  return createMiddleware<GuardedEnv<Partial<SessionVariables>>>(async (c, next) => {
    const { identity } = c.var;
    if (!identity) throw signInFirst();
    if (c.var.services.clock.now() - identity.signedInAt > maxAgeMs) {
      const minutes = Math.round(maxAgeMs / 60_000);
      throw new ApiError(
        403,
        'reauth_required',
        `For your security, confirm it's you: sign in again with a fresh link from your email (this needs a sign-in from the last ${minutes} minutes), then retry.`,
        undefined,
        words('error.reauth', { minutes }),
      );
    }
    await next();
  });
}

/** After `requireSession`: 403 `forbidden` unless the customer's email is in ADMIN_EMAILS; sets `operator`. */
export const requireAdmin = createMiddleware<GuardedEnv<Partial<SessionVariables> & OperatorVariables>>(
  async (c, next) => {
    const { identity } = c.var;
    if (!identity) throw signInFirst();
    if (!identity.isAdmin) throw new ApiError(403, 'forbidden', 'This is for the shop’s operators only.');
    c.set('operator', { email: identity.email, requestId: c.var.requestId });
    await next();
  },
);
