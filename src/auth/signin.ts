// The magic-link flow: request a link (uniform answer, rate-limited, mailed through the queue), then
// complete it (atomic consume, customer created on first sign-in, session started).
import { customers, type Session, sessions } from '../../schema.ts';
import { auditStatement } from '../audit/index.ts';
import { UNAVAILABLE_MESSAGE } from '../domain-error.ts';
import type { Services } from '../services/index.ts';
import { AuthError } from './errors.ts';
import { requesterNetwork } from './network.ts';
import { CONSOLE_REQUESTER, checkLoginLimits, loginRequesterKey } from './ratelimit.ts';
import { newSessionRow } from './sessions.ts';
import { consumeLoginToken, issueLoginToken, voidOlderLoginTokens, withdrawLoginToken } from './tokens.ts';

export interface SignInRequest {
  /** Already normalised (see email.ts). */
  email: string;
  /** Already checked with safeNextPath, or null. */
  next: string | null;
  /** `CF-Connecting-IP`, set by Cloudflare's edge. Never X-Forwarded-For, which a client can write. */
  ip: string | null;
  /** An operator's resend from the console (audited by the caller). */
  byOperator?: boolean;
}

/** What happened, for logs and tests; the HTTP answer is the same for both. */
export type SignInRequestOutcome = 'queued' | 'suppressed';

type SignInServices = Pick<Services, 'db' | 'config' | 'mail' | 'limiters' | 'log' | 'clock'>;

function mailUnavailable(): AuthError {
  return new AuthError(
    'mail_unavailable',
    'Sign-in by email is unavailable right now. The shop’s operator has been told.',
  );
}

/** Mail is failing: the same answer for every address (it says nothing about any account). */
function mailFailing(retryAfterSeconds: number | undefined): AuthError {
  return new AuthError(
    'mail_unavailable',
    'Sign-in emails cannot be sent right now, so no link was sent. Please try again in a few minutes.',
    retryAfterSeconds ? { retryAfterSeconds } : {},
  );
}

/**
 * Issues a link and queues its email (see ratelimit.ts for the limits). Links are counted and voided per address AND
 * requester: an address over its daily share for this requester gets no new email ('suppressed') and its last link
 * stays valid. Older links are voided only once the new one is queued, so a queue failure (503) costs nothing.
 * When mail cannot leave at all (the config, or the transport failing lately: src/mail/health.ts) it is a 503
 * `mail_unavailable` before anything is issued, the same for every address (a production shop never falls back to
 * anything that would only log links). An operator's resend from the console still queues: it is how they try mail
 * again.
 */
export async function requestSignIn(services: SignInServices, input: SignInRequest): Promise<SignInRequestOutcome> {
  const { db, config, mail, log } = services;
  const problem = mail.problem();
  if (problem) {
    log.error('sign-in refused: no usable mail transport', { problem });
    throw mailUnavailable();
  }
  const byOperator = input.byOperator === true;
  const now = services.clock.now();
  if (!byOperator) {
    const health = await mail.health(now);
    if (!health.ok) {
      log.warn('sign-in refused: mail is failing', { reason: health.reason });
      const until = health.lastFailureAt === null ? null : health.lastFailureAt + config.mail.failureWindowMs;
      throw mailFailing(until === null ? undefined : Math.max(1, Math.ceil((until - now) / 1000)));
    }
  }
  const network = byOperator ? CONSOLE_REQUESTER : requesterNetwork(input.ip);
  const requester = await loginRequesterKey(config.auth.secret, network);
  const limit = await checkLoginLimits(
    { limiter: services.limiters.login, db, limits: config.limits },
    { email: input.email, network, requester, byOperator },
    now,
  );
  if (limit.outcome === 'network')
    throw new AuthError('rate_limited', 'Too many sign-in requests from your network. Wait a minute and try again.', {
      retryAfterSeconds: limit.retryAfterSeconds,
    });
  if (limit.outcome === 'shop') {
    log.warn('sign-in mail paused: the shop-wide hourly cap is reached', { perHour: config.limits.loginMailsPerHour });
    throw new AuthError(
      'rate_limited',
      `The shop is sending unusually many sign-in emails, so it is pausing them for a while. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds: limit.retryAfterSeconds },
    );
  }
  if (limit.outcome === 'address') return 'suppressed';
  const who = { email: input.email, requester };
  const issued = await issueLoginToken(db, { ...who, redirectTo: input.next }, now);
  try {
    await mail.enqueue({
      kind: 'login',
      tokenId: issued.tokenId,
      to: input.email,
      url: `${config.publicUrl}/auth/verify#token=${issued.token}`,
      expiresAt: issued.expiresAt,
    });
  } catch (err) {
    log.error('sign-in mail not queued; the previous link stays valid', { loginRef: issued.tokenId, err });
    await withdrawLoginToken(db, issued.tokenId);
    throw mailUnavailable();
  }
  await voidOlderLoginTokens(db, who, now);
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
  { db, clock }: Pick<Services, 'db' | 'clock'>,
  token: string,
  meta: { userAgent?: string | null; requestId?: string },
): Promise<SignedIn> {
  const now = clock.now();
  const consumed = await consumeLoginToken(db, token, now);
  if (!consumed)
    throw new AuthError('invalid_link', 'This sign-in link is invalid, expired or already used. Ask for a new one.');
  const newId = crypto.randomUUID();
  const [customer] = await db
    .insert(customers)
    .values({ id: newId, email: consumed.email, createdAt: now, lastSignInAt: now })
    .onConflictDoUpdate({ target: customers.email, set: { lastSignInAt: now } })
    .returning({ id: customers.id, email: customers.email });
  if (!customer)
    throw new AuthError('unavailable', 'Could not sign you in. Please try again.', {
      publicMessage: UNAVAILABLE_MESSAGE,
    });
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
      at: now,
    }),
  ]);
  return { customer, session, redirectTo: consumed.redirectTo, firstSignIn };
}
