// The magic-link flow: request a link (uniform answer, rate-limited, mailed through the queue), then
// complete it (atomic consume, customer created on first sign-in, session started).
import { customers, type Session, sessions } from '../../schema.ts';
import { auditStatement } from '../audit/index.ts';
import { customerIdByEmailQuery } from '../customers/index.ts';
import { firstRow, readTogether } from '../db/reads.ts';
import { UNAVAILABLE_MESSAGE } from '../domain-error.ts';
import type { Services } from '../services/index.ts';
import { isLocale, type Locale, localizedPath } from '../shared/i18n/locales.ts';
import { words } from '../shared/i18n/translate.ts';
import { HOUR_MS } from '../time.ts';
import { AuthError } from './errors.ts';
import { requesterNetwork } from './network.ts';
import {
  CONSOLE_REQUESTER,
  challenging,
  decideSignIn,
  LOGIN_LIMIT_PERIOD_SECONDS,
  loginRequesterKey,
} from './ratelimit.ts';
import { newSessionRow } from './sessions.ts';
import {
  consumeLoginToken,
  issueLoginToken,
  loginMailsSinceQuery,
  tokensIssuedTodayQuery,
  voidOlderLoginTokens,
  withdrawLoginToken,
} from './tokens.ts';
import { passedChallenge } from './turnstile.ts';

export interface SignInRequest {
  /** Already normalised (see email.ts). */
  email: string;
  /** Already checked with safeNextPath, or null. */
  next: string | null;
  /** `CF-Connecting-IP`, set by Cloudflare's edge. Never X-Forwarded-For, which a client can write. */
  ip: string | null;
  /** The sign-in page's Turnstile token, when it asked the visitor to pass the challenge. */
  challengeToken?: string;
  /** An operator's resend from the console (audited by the caller). */
  byOperator?: boolean;
  /** The language of the page the link was asked from (one of LOCALES), or null: the customer's own, else the
   * shop's default. */
  locale: Locale | null;
}

/** What happened (for logs and tests), and whether to answer with the challenge; the HTTP answer is otherwise the
 * same whether or not a link was sent. */
export interface SignInRequestOutcome {
  sent: boolean;
  challenge: boolean;
}

type SignInServices = Pick<Services, 'db' | 'config' | 'mail' | 'limiters' | 'log' | 'clock'>;

function mailUnavailable(): AuthError {
  return new AuthError(
    'mail_unavailable',
    'Sign-in by email is unavailable right now. The shop’s operator has been told.',
    { words: words('error.mailUnavailable') },
  );
}

/** Mail is failing: the same answer for every address (it says nothing about any account). */
function mailFailing(retryAfterSeconds: number | undefined): AuthError {
  return new AuthError(
    'mail_unavailable',
    'Sign-in emails cannot be sent right now, so no link was sent. Please try again in a few minutes.',
    { words: words('error.mailFailing'), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
  );
}

/** What the decision needs from D1, in one round trip: the shop's last hour, this address's day, its account. */
async function signInFacts(services: SignInServices, who: { email: string; requester: string }, now: number) {
  const { db, config } = services;
  const [found] = await readTogether(db, {
    lastHour: firstRow(loginMailsSinceQuery(db, HOUR_MS, now)),
    today: firstRow(tokensIssuedTodayQuery(db, who, now)),
    account: firstRow(customerIdByEmailQuery(db, who.email)),
  });
  return {
    lastHour: found.lastHour?.n ?? 0,
    issuedToday: found.today?.n ?? 0,
    known: config.adminEmails.includes(who.email) || found.account !== undefined,
    /** The language the customer chose, if they have an account and chose one. */
    locale: isLocale(found.account?.locale) ? found.account.locale : null,
  };
}

/**
 * Issues a link and queues its email (see ratelimit.ts for the limits). Links are counted and voided per address AND
 * requester: an address over its daily share for this requester gets no new email and its last link stays valid.
 * Older links are voided only once the new one is queued, so a queue failure (503) costs nothing. When mail cannot
 * leave at all (the config, or the transport failing lately: src/mail/health.ts) it is a 503 `mail_unavailable`
 * before anything is issued, the same for every address (a production shop never falls back to
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
  const network = byOperator ? CONSOLE_REQUESTER : requesterNetwork(input.ip);
  // The network first: a client over its limit costs no D1 read and uses up nothing else.
  if (!byOperator && !(await services.limiters.login.limit({ key: `login:net:${network}` })).success)
    throw new AuthError('rate_limited', 'Too many sign-in requests from your network. Wait a minute and try again.', {
      retryAfterSeconds: LOGIN_LIMIT_PERIOD_SECONDS,
      words: words('error.signInRate'),
    });
  if (!byOperator) {
    const health = await mail.health(now);
    if (!health.ok) {
      log.warn('sign-in refused: mail is failing', { reason: health.reason });
      const until = health.lastFailureAt === null ? null : health.lastFailureAt + config.mail.failureWindowMs;
      throw mailFailing(until === null ? undefined : Math.max(1, Math.ceil((until - now) / 1000)));
    }
  }
  const requester = await loginRequesterKey(config.auth.secret, network);
  const who = { email: input.email, requester };
  const facts = await signInFacts(services, who, now);
  const passed =
    !byOperator &&
    challenging(config, facts.lastHour) &&
    Boolean(input.challengeToken) &&
    (await passedChallenge(services, input.challengeToken ?? '', input.ip));
  // An operator's resend is one deliberate, audited mail: only the address's daily share holds it.
  const decision = decideSignIn(config, { ...facts, known: facts.known || byOperator, passed: passed || byOperator });
  if (decision.held === 'shop')
    log.warn('sign-in mail to a new address held: the shop-wide hourly ceiling is reached', {
      perHour: config.limits.loginMailsPerHour,
    });
  if (!decision.send) return { sent: false, challenge: decision.challenge };
  const locale = input.locale ?? facts.locale ?? config.defaultLocale;
  const issued = await issueLoginToken(db, { ...who, redirectTo: input.next, locale: input.locale }, now);
  try {
    await mail.enqueue({
      kind: 'login',
      tokenId: issued.tokenId,
      to: input.email,
      // Through the locale's prefix, so the confirm page (and the app after it) speak the mail's language.
      url: `${config.publicUrl}${localizedPath('/auth/verify', locale, config.defaultLocale)}#token=${issued.token}`,
      expiresAt: issued.expiresAt,
      locale,
    });
  } catch (err) {
    log.error('sign-in mail not queued; the previous link stays valid', { loginRef: issued.tokenId, err });
    await withdrawLoginToken(db, issued.tokenId);
    throw mailUnavailable();
  }
  await voidOlderLoginTokens(db, who, now);
  return { sent: true, challenge: decision.challenge };
}

export interface SignedIn {
  customer: { id: string; email: string };
  session: Session;
  /** Where the customer was going when they asked for the link (a safe same-origin path), or null. */
  redirectTo: string | null;
  firstSignIn: boolean;
  /** The language the customer chose by asking from a page in it, or null (their stored one stays). */
  locale: Locale | null;
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
    throw new AuthError('invalid_link', 'This sign-in link is invalid, expired or already used. Ask for a new one.', {
      words: words('error.invalidLink'),
    });
  const newId = crypto.randomUUID();
  const locale = isLocale(consumed.locale) ? consumed.locale : null;
  const [customer] = await db
    .insert(customers)
    .values({ id: newId, email: consumed.email, createdAt: now, lastSignInAt: now, locale })
    .onConflictDoUpdate({ target: customers.email, set: { lastSignInAt: now, ...(locale ? { locale } : {}) } })
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
  return { customer, session, redirectTo: consumed.redirectTo, firstSignIn, locale };
}
