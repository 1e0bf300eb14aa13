// Sign-in by magic link and the session lifecycle: request a link, verify it, who am I, sign out (everywhere).
import { Hono } from 'hono';
import {
  completeSignIn,
  emailSchema,
  LOGIN_TOKEN_TTL_MS,
  peekLoginToken,
  requestSignIn,
  safeNextPath,
  signOut,
  TURNSTILE_TOKEN_MAX,
} from '../auth/index.ts';
import { endEverySession } from '../dashboard/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { askersLanguage, rememberLocale } from '../http/locale.ts';
import {
  clearSessionCookie,
  issueSessionCookie,
  optionalSession,
  requireSession,
  signedInCustomer,
} from '../http/session.ts';
import { validate } from '../http/validate.ts';
import type {
  AuthMeAnswer,
  AuthVerifyAnswer,
  LoginLinkAnswer,
  SignInRequestAnswer,
  SignOutEverywhereAnswer,
} from '../shared/api.ts';
import { SHIPPED_LOCALES } from '../shared/i18n/locales.ts';
import { inLocale, t } from '../shared/i18n/translate.ts';
import { MINUTE_MS } from '../time.ts';
import * as z from '../zod.ts';

const requestBody = z.object({
  email: emailSchema,
  next: z.optional(z.string()),
  /** The language of the page asking (its mail's, and the app's after signing in). */
  locale: z.optional(z.enum(SHIPPED_LOCALES)),
  /** The Turnstile widget's token, when the previous answer asked for the challenge. */
  challengeToken: z.optional(z.string().check(z.minLength(1), z.maxLength(TURNSTILE_TOKEN_MAX))),
});
/** "Sign out everywhere": and the customer's API tokens too, when they ask (no body: tokens are kept). */
const everywhereBody = z.object({ revokeTokens: z.optional(z.boolean()) });
const tokenBody = z.object({ token: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,128}$/, 'is not a sign-in token')) });

export const auth = new Hono<AppEnv>()
  // Sign-in reads and spends login links and starts sessions: the primary, but for who is signed in (below).
  .use(readsFrom('primary'))
  .post('/request', validate('json', requestBody), async (c) => {
    const { services } = c.var;
    const { email, next, locale, challengeToken } = c.req.valid('json');
    const spoken = locale && services.config.locales.includes(locale) ? locale : null;
    const outcome = await requestSignIn(services, {
      email,
      next: safeNextPath(next),
      locale: spoken,
      ip: c.req.header('cf-connecting-ip') ?? null,
      challengeToken,
    });
    services.log.info('sign-in link requested', { sent: outcome.sent, challenge: outcome.challenge });
    const turnstile = services.config.turnstile;
    // Each answer the same whether or not the address has an account, in the language of the page that asked (the
    // challenge's words are shown on it).
    const language = await askersLanguage(c, spoken);
    const answer: SignInRequestAnswer = inLocale(language, () =>
      outcome.challenge && turnstile
        ? { status: 'challenge', message: t('signin.challengeAsked'), siteKey: turnstile.siteKey }
        : { status: 'sent', message: t('signin.requested', { minutes: LOGIN_TOKEN_TTL_MS / MINUTE_MS }) },
    );
    return c.json(answer, 202);
  })
  /** What a link would sign in as and where it goes next, without using it (the confirm page shows it first). */
  .post('/link', validate('json', tokenBody), async (c) => {
    const found = await peekLoginToken(c.var.services.db, c.req.valid('json').token, c.var.services.clock.now());
    const link = found && { email: found.email, next: found.redirectTo, expiresAt: found.expiresAt };
    return c.json({ link } satisfies LoginLinkAnswer);
  })
  .post('/verify', validate('json', tokenBody), async (c) => {
    const { services } = c.var;
    const signedIn = await completeSignIn(services, c.req.valid('json').token, {
      userAgent: c.req.header('user-agent'),
      requestId: c.var.requestId,
    });
    await issueSessionCookie(c, signedIn.session);
    if (signedIn.locale) rememberLocale(c, signedIn.locale);
    c.header('Cache-Control', 'private, no-store');
    const { id, email } = signedIn.customer;
    return c.json({
      customer: { id, email, isAdmin: services.config.adminEmails.includes(email) },
      next: signedIn.redirectTo,
    } satisfies AuthVerifyAnswer);
  })
  /** Who is signed in; `customer: null` for a signed-out visitor (an answer, not a failed request in their console).
   * The public pages' header asks it; the dashboard and the console learn it from their own first answer. */
  .get('/me', readsFrom('bookmark'), optionalSession, (c) => {
    const { identity } = c.var;
    return c.json({ customer: identity ? signedInCustomer(identity) : null } satisfies AuthMeAnswer);
  })
  .post('/logout', optionalSession, async (c) => {
    const { identity } = c.var;
    if (identity) await signOut(c.var.services, { ...identity, requestId: c.var.requestId });
    clearSessionCookie(c);
    return c.json({ signedOut: true });
  })
  .post('/logout-all', requireSession, validate('json', everywhereBody), async (c) => {
    const { revoked, tokensRevoked } = await endEverySession(
      c.var.services,
      { ...c.var.identity, requestId: c.var.requestId },
      c.req.valid('json').revokeTokens === true,
    );
    clearSessionCookie(c);
    return c.json({ signedOut: true, revoked, tokensRevoked } satisfies SignOutEverywhereAnswer);
  });
