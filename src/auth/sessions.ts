// Sessions: a server-side row (revocable at once) named by a short-lived JWT in the session cookie.
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import { type Customer, type Session, sessions } from '../../schema.ts';
import { customerQuery } from '../customers/index.ts';
import { type Db, idempotent } from '../db/index.ts';
import { firstRow, type Read, type ReadResults, type Reads, read } from '../db/reads.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time.ts';

/** A cookie (and its JWT) lives 12 h and is renewed once past half of that. */
export const SESSION_TTL_MS = 12 * HOUR_MS;
export const SESSION_RENEW_AFTER_MS = SESSION_TTL_MS / 2;
/** However active, a session ends this long after its magic link was used. */
export const SESSION_MAX_AGE_MS = 7 * DAY_MS;

const ALGORITHM = 'HS256';
const CLOCK_SKEW_MS = MINUTE_MS;
const encoder = new TextEncoder();

export interface SessionKeys {
  secret: string;
  /** The previous AUTH_SECRET: still verifies during a rotation's grace period, never signs. */
  previousSecret?: string;
}

export interface SessionClaims {
  sid: string;
  customerId: string;
  /** Issued at, unix ms. */
  issuedAt: number;
  expiresAt: number;
}

/** Issuer and audience are pinned to this shop, so a token minted for anything else never verifies. */
function jwtIdentity(publicUrl: string) {
  return { issuer: publicUrl, audience: `${publicUrl}/api#session` };
}

export function signSessionToken(
  keys: SessionKeys,
  publicUrl: string,
  session: Pick<Session, 'id' | 'customerId' | 'expiresAt'>,
  now: number,
): Promise<string> {
  const { issuer, audience } = jwtIdentity(publicUrl);
  return new SignJWT({ sid: session.id })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(session.customerId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(session.expiresAt / 1000))
    .sign(encoder.encode(keys.secret));
}

/**
 * The claims of a JWT valid at `now`, or null: bad signature, other algorithm, issuer or audience, expired, malformed.
 */
export async function verifySessionToken(
  keys: SessionKeys,
  publicUrl: string,
  jwt: string,
  now: number,
): Promise<SessionClaims | null> {
  for (const secret of [keys.secret, keys.previousSecret]) {
    if (!secret) continue;
    try {
      const { payload } = await jwtVerify(jwt, encoder.encode(secret), {
        ...jwtIdentity(publicUrl),
        algorithms: [ALGORITHM],
        requiredClaims: ['sub', 'sid', 'iat', 'exp'],
        maxTokenAge: SESSION_TTL_MS / 1000,
        currentDate: new Date(now),
      });
      const { sid, sub, iat, exp } = payload;
      if (typeof sid !== 'string' || !sub || iat === undefined || exp === undefined) return null;
      // Only this shop mints these; one "issued" in the future (beyond clock skew) is not ours.
      if (iat * 1000 > now + CLOCK_SKEW_MS) return null;
      return { sid, customerId: sub, issuedAt: iat * 1000, expiresAt: exp * 1000 };
    } catch {
      // Next secret, if any.
    }
  }
  return null;
}

export interface NewSession {
  customerId: string;
  signedInAt: number;
  userAgent?: string | null;
}

export function newSessionRow({ customerId, signedInAt, userAgent }: NewSession, now: number): Session {
  return {
    id: crypto.randomUUID(),
    customerId,
    signedInAt,
    createdAt: now,
    expiresAt: Math.min(now + SESSION_TTL_MS, signedInAt + SESSION_MAX_AGE_MS),
    revokedAt: null,
    userAgent: userAgent?.slice(0, 256) ?? null,
  };
}

export interface ActiveSession {
  session: Session;
  customer: Customer;
}

/** Whether a JWT issued at `issuedAt` is past half its life and should be re-issued. */
export function needsRenewal(claims: SessionClaims, now: number): boolean {
  return now - claims.issuedAt >= SESSION_RENEW_AFTER_MS;
}

/**
 * The reads that check the session behind verified JWT claims (not revoked, not expired, same customer) and read its
 * customer, to ride in ONE batch with the route's own reads (see `activeSession`). When the JWT is past half its life
 * the batch first slides the session's expiry (within its absolute maximum) with an UPDATE that only touches a live
 * session, so a renewal costs no extra round trip and never revives a revoked or ended one.
 */
export function sessionReads(db: Db, claims: SessionClaims, now: number): Reads & SessionCheck {
  const renewedExpiry = sql<number>`min(${now + SESSION_TTL_MS}, ${sessions.signedInAt} + ${SESSION_MAX_AGE_MS})`;
  const live = and(
    eq(sessions.id, claims.sid),
    eq(sessions.customerId, claims.customerId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, now),
  );
  const renewal: Reads = {};
  if (needsRenewal(claims, now))
    // Run twice, it slides the expiry to the same value: D1's transient failures may be retried for it.
    renewal.renewal = read(
      idempotent(
        db
          .update(sessions)
          .set({ expiresAt: renewedExpiry })
          .where(and(live, lt(sessions.expiresAt, renewedExpiry))),
      ),
      () => null,
    );
  return {
    ...renewal,
    session: firstRow(db.select().from(sessions).where(live).limit(1)),
    customer: firstRow(customerQuery(db, claims.customerId)),
  };
}

type SessionCheck = {
  session: Read<Session | undefined>;
  customer: Read<Customer | undefined>;
};

/** The live session and its customer from `sessionReads`' answers; null when the session is dead. */
export function activeSession({ session, customer }: ReadResults<SessionCheck>): ActiveSession | null {
  return session && customer ? { session, customer } : null;
}

export async function revokeSession(db: Db, sessionId: string, now: number): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every live session of the customer ("sign out everywhere"); returns how many. */
export async function revokeAllSessions(db: Db, customerId: string, now: number): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.customerId, customerId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
