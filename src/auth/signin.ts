// The magic-link flow: request a link (uniform answer, rate-limited, mailed through the queue), then
// complete it (atomic consume, customer created on first sign-in, session started).
import { customers, type Session, sessions } from '../../schema.ts';
import { auditStatement } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import type { Services } from '../services/index.ts';
import { AuthError } from './errors.ts';
import { checkLoginLimits } from './ratelimit.ts';
import { newSessionRow } from './sessions.ts';
import { consumeLoginToken, issueLoginToken } from './tokens.ts';

export interface SignInRequest {
  /** Already normalised (see email.ts). */
  email: string;
  /** Already checked with safeNextPath, or null. */
  next: string | null;
  ip: string | null;
}

/** What happened, for logs and tests; the HTTP answer is the same for both. */
export type SignInRequestOutcome = 'queued' | 'suppressed';

/**
 * Issues a link and queues its email. An address over its limits gets no new email ('suppressed'), and its
 * last link stays valid; a client IP over its limit gets a 429 (which says nothing about any address).
 * When mail cannot leave at all it is a 503 `mail_unavailable` before anything is issued (a production shop never
 * falls back to anything that would only log links).
 */
export async function requestSignIn(
  services: Pick<Services, 'db' | 'config' | 'mail' | 'limiters' | 'log'>,
  input: SignInRequest,
): Promise<SignInRequestOutcome> {
  const { db, config, mail } = services;
  const problem = mail.problem();
  if (problem) {
    services.log.error('sign-in refused: no usable mail transport', { problem });
    throw new AuthError(
      503,
      'mail_unavailable',
      'Sign-in by email is unavailable right now. The shop’s operator has been told.',
      true,
    );
  }
  const limit = await checkLoginLimits(services.limiters.login, db, input);
  if (limit === 'ip')
    throw new AuthError(
      429,
      'rate_limited',
      'Too many sign-in requests from your network. Wait a minute and try again.',
      true,
    );
  if (limit === 'email') return 'suppressed';
  const issued = await issueLoginToken(db, input.email, input.next);
  await mail.enqueue({
    kind: 'login',
    tokenId: issued.tokenId,
    to: input.email,
    url: `${config.publicUrl}/auth/verify#token=${issued.token}`,
    expiresAt: issued.expiresAt,
  });
  return 'queued';
}

export interface SignedIn {
  customer: { id: string; email: string };
  session: Session;
  /** Where the customer was going when they asked for the link (a safe same-origin path), or null. */
  redirectTo: string | null;
  firstSignIn: boolean;
}

/** Uses the link's token once; creates the customer on first sign-in; starts a session. */
export async function completeSignIn(
  db: Db,
  token: string,
  meta: { userAgent?: string | null; requestId?: string },
): Promise<SignedIn> {
  const now = Date.now();
  const consumed = await consumeLoginToken(db, token, now);
  if (!consumed)
    throw new AuthError(
      400,
      'invalid_link',
      'This sign-in link is invalid, expired or already used. Ask for a new one.',
    );
  const newId = crypto.randomUUID();
  const [customer] = await db
    .insert(customers)
    .values({ id: newId, email: consumed.email, createdAt: now, lastSignInAt: now })
    .onConflictDoUpdate({ target: customers.email, set: { lastSignInAt: now } })
    .returning({ id: customers.id, email: customers.email });
  if (!customer) throw new AuthError(503, 'unavailable', 'Could not sign you in. Please try again.');
  const session = newSessionRow({ customerId: customer.id, signedInAt: now, userAgent: meta.userAgent }, now);
  const firstSignIn = customer.id === newId;
  await db.batch([
    db.insert(sessions).values(session),
    auditStatement(db, {
      actor: `customer:${customer.id}`,
      action: 'auth.sign_in',
      customerId: customer.id,
      detail: { sessionId: session.id, firstSignIn },
      requestId: meta.requestId,
    }),
  ]);
  return { customer, session, redirectTo: consumed.redirectTo, firstSignIn };
}
