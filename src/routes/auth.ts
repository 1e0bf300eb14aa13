// Sign-in by magic link and the session lifecycle: request a link, verify it, who am I, sign out (everywhere).
import { Hono } from 'hono';
import { recordAudit } from '../audit/index.ts';
import {
  completeSignIn,
  emailSchema,
  requestSignIn,
  revokeAllSessions,
  revokeSession,
  safeNextPath,
} from '../auth/index.ts';
import { getConfig } from '../config/index.ts';
import { openDb } from '../db/index.ts';
import type { AppEnv } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import {
  clearSessionCookie,
  currentIdentity,
  issueSessionCookie,
  optionalSession,
  requireSession,
} from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { mailTransportProblem } from '../mail/index.ts';
import * as z from '../zod.ts';

const requestBody = z.object({ email: emailSchema, next: z.optional(z.string()) });
const verifyBody = z.object({ token: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,128}$/, 'is not a sign-in token')) });

/** The one answer to every accepted sign-in request, whether or not the address has an account. */
const REQUEST_ACCEPTED = {
  status: 'sent',
  message: 'Check your inbox: a sign-in link is on its way. It works once and expires in 15 minutes.',
} as const;

export const auth = new Hono<AppEnv>()
  .post('/request', validate('json', requestBody), async (c) => {
    const config = getConfig(c.env);
    const problem = mailTransportProblem(config, c.env);
    if (problem) {
      c.get('log').error('sign-in refused: no usable mail transport', { problem });
      throw new ApiError(
        503,
        'mail_unavailable',
        'Sign-in by email is unavailable right now. The shop’s operator has been told.',
      );
    }
    const { email, next } = c.req.valid('json');
    const outcome = await requestSignIn(
      { db: openDb(c.env.DB), limiter: c.env.LOGIN_LIMITER, queue: c.env.MAIL_QUEUE, publicUrl: config.publicUrl },
      { email, next: safeNextPath(next), ip: c.req.header('cf-connecting-ip') ?? null },
    );
    c.get('log').info('sign-in link requested', { outcome });
    return c.json(REQUEST_ACCEPTED, 202);
  })
  .post('/verify', validate('json', verifyBody), async (c) => {
    const config = getConfig(c.env);
    const signedIn = await completeSignIn(openDb(c.env.DB), c.req.valid('json').token, {
      userAgent: c.req.header('user-agent'),
      requestId: c.get('requestId'),
    });
    await issueSessionCookie(c, signedIn.session);
    c.header('Cache-Control', 'private, no-store');
    const { id, email } = signedIn.customer;
    return c.json({ customer: { id, email, isAdmin: config.adminEmails.includes(email) }, next: signedIn.redirectTo });
  })
  .get('/me', requireSession, (c) => {
    const { customerId, email, isAdmin } = c.get('identity');
    return c.json({ customer: { id: customerId, email, isAdmin } });
  })
  .post('/logout', optionalSession, async (c) => {
    const identity = currentIdentity(c);
    if (identity) {
      const db = openDb(c.env.DB);
      await revokeSession(db, identity.sessionId);
      await recordAudit(db, {
        actor: `customer:${identity.customerId}`,
        action: 'auth.sign_out',
        customerId: identity.customerId,
        detail: { sessionId: identity.sessionId },
        requestId: c.get('requestId'),
      });
    }
    clearSessionCookie(c);
    return c.json({ signedOut: true });
  })
  .post('/logout-all', requireSession, async (c) => {
    const identity = c.get('identity');
    const db = openDb(c.env.DB);
    const revoked = await revokeAllSessions(db, identity.customerId);
    await recordAudit(db, {
      actor: `customer:${identity.customerId}`,
      action: 'auth.sign_out_everywhere',
      customerId: identity.customerId,
      detail: { revoked },
      requestId: c.get('requestId'),
    });
    clearSessionCookie(c);
    return c.json({ signedOut: true, revoked });
  });
