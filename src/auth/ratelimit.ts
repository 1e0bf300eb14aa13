// Sign-in request limits: the LOGIN_LIMITER binding (5 a minute) per email hash and per client IP,
// plus a daily cap per email counted in D1.
import { sha256Hex } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import { tokensIssuedToday } from './tokens.ts';

/** At most this many sign-in emails per address per 24 h. */
export const DAILY_EMAILS_PER_ADDRESS = 10;

/**
 * 'ip': this client asked too often (answered 429: it reveals nothing about any email).
 * 'email': this address asked too often (answered like success, without sending: no enumeration, no mail bombing).
 */
export type LoginLimit = 'ok' | 'ip' | 'email';

export interface LoginLimitInput {
  email: string;
  /** `CF-Connecting-IP`, set by Cloudflare's edge. Never X-Forwarded-For, which a client can write. */
  ip: string | null;
}

export async function checkLoginLimits(
  limiter: RateLimit,
  db: Db,
  { email, ip }: LoginLimitInput,
): Promise<LoginLimit> {
  // The IP first: a client already over its limit does not also use up the address's allowance.
  if (!(await limiter.limit({ key: `login:ip:${ip ?? 'unknown'}` })).success) return 'ip';
  if (!(await limiter.limit({ key: `login:email:${await sha256Hex(email)}` })).success) return 'email';
  if ((await tokensIssuedToday(db, email)) >= DAILY_EMAILS_PER_ADDRESS) return 'email';
  return 'ok';
}
