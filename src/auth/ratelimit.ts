// Sign-in request limits that protect the customer, not the attacker:
// - per requesting network (an IPv4 address or an IPv6 /64): the LOGIN_LIMITER binding, 5 a minute (answered 429);
// - per address AND requesting network: LOGIN_LINKS_PER_DAY links a day, counted in D1 (answered like success,
//   without a mail), so somebody else's requests never use up a customer's own links;
// - shop-wide: LOGIN_MAILS_PER_HOUR sign-in mails an hour (answered 429), the sender's reputation's ceiling.
// An operator's resend skips the first and the last (it is one deliberate, audited mail) and has its own requester.
import type { Config } from '../config/index.ts';
import { hmacSha256Hex } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import { HOUR_MS } from '../time.ts';
import { loginMailsSince, tokensIssuedToday } from './tokens.ts';

/** The LOGIN_LIMITER binding's period in wrangler.toml: a refused client may try again after it. */
export const LOGIN_LIMIT_PERIOD_SECONDS = 60;

/** The requester of an operator's resend from the console. */
export const CONSOLE_REQUESTER = 'console';

/**
 * What login_tokens stores as the requester: a keyed hash of the network (see requesterNetwork), so D1 holds no
 * client address. Changing AUTH_SECRET starts the daily counts afresh, which is harmless.
 */
export async function loginRequesterKey(authSecret: string, network: string): Promise<string> {
  return (await hmacSha256Hex(authSecret, `login-requester:${network}`)).slice(0, 32);
}

export type LoginLimit =
  | { outcome: 'ok' }
  /** This network asked too often (429: it says nothing about any address). */
  | { outcome: 'network'; retryAfterSeconds: number }
  /** The shop sent its hourly share of sign-in mail (429 for everyone until the oldest of them is an hour old). */
  | { outcome: 'shop'; retryAfterSeconds: number }
  /** This requester had this address sent its daily share (answered like success: no enumeration, no bombing). */
  | { outcome: 'address' };

export interface LoginLimitInput {
  email: string;
  /** requesterNetwork(CF-Connecting-IP), or CONSOLE_REQUESTER. */
  network: string;
  requester: string;
  /** An operator's resend: neither the operator's network nor the shop-wide cap holds it. */
  byOperator: boolean;
}

export async function checkLoginLimits(
  services: { limiter: RateLimit; db: Db; limits: Config['limits'] },
  { email, network, requester, byOperator }: LoginLimitInput,
  now: number,
): Promise<LoginLimit> {
  const { limiter, db, limits } = services;
  if (!byOperator) {
    // The network first: a client over its limit costs no D1 read and uses up nothing else.
    if (!(await limiter.limit({ key: `login:net:${network}` })).success)
      return { outcome: 'network', retryAfterSeconds: LOGIN_LIMIT_PERIOD_SECONDS };
    const recent = await loginMailsSince(db, HOUR_MS, now);
    if (recent.count >= limits.loginMailsPerHour)
      return {
        outcome: 'shop',
        retryAfterSeconds: Math.max(1, Math.ceil(((recent.oldestAt ?? now) + HOUR_MS - now) / 1000)),
      };
  }
  if ((await tokensIssuedToday(db, { email, requester }, now)) >= limits.loginLinksPerDay)
    return { outcome: 'address' };
  return { outcome: 'ok' };
}

/** The console's figure: sign-in mails in the last hour against the shop-wide cap. */
export async function signInMailFigures(
  db: Db,
  limits: Config['limits'],
  now: number,
): Promise<{ lastHour: number; perHour: number; paused: boolean }> {
  const { count } = await loginMailsSince(db, HOUR_MS, now);
  return { lastHour: count, perHour: limits.loginMailsPerHour, paused: count >= limits.loginMailsPerHour };
}
