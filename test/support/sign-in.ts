// Signing in as a customer does: the magic link asked for, carried by the real mail queue to the outbox, verified.
import { type OutboxMail, outboxFor, tokenFromMail, waitForMail } from './mail.ts';
import { call, testIp } from './worker.ts';

/** The operator in the committed test config (ADMIN_EMAILS). */
export const OPERATOR = 'admin@example.com';

/** Asks for a sign-in link the way the SPA does; returns the new login email from the outbox. */
export async function requestLoginMail(
  email: string,
  body: Record<string, unknown> = {},
  bindings?: Env,
): Promise<OutboxMail> {
  const seen = (await outboxFor(email)).length;
  const res = await call('/api/auth/request', {
    json: { email, ...body },
    headers: { 'cf-connecting-ip': testIp() },
    env: bindings,
  });
  if (res.status !== 202) throw new Error(`sign-in request for ${email}: ${res.status} ${await res.text()}`);
  return waitForMail(email, seen);
}

/** The `name=value` pair of the session cookie in a response, for a later request's Cookie header. */
export function sessionCookieFrom(res: Response): string | null {
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(';')[0] ?? '';
    if (pair.startsWith('__Host-session=') && pair.length > '__Host-session='.length) return pair;
  }
  return null;
}

/**
 * Signs `email` in end to end (request → the real mail queue → the outbox → verify) and returns the
 * Cookie header value for `call(path, {cookie})`. Use a distinct email per test: one address may ask
 * for 5 links a minute. `bindings`: the Worker's, when it signs in with others (e.g. a later clock).
 */
export async function signIn(email: string, bindings?: Env): Promise<string> {
  const mail = await requestLoginMail(email, {}, bindings);
  const res = await call('/api/auth/verify', { json: { token: tokenFromMail(mail) }, env: bindings });
  const cookie = sessionCookieFrom(res);
  if (res.status !== 200 || !cookie) throw new Error(`verify for ${email}: ${res.status} ${await res.text()}`);
  return cookie;
}
