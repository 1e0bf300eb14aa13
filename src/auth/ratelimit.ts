// Sign-in request limits that protect the customer, not the attacker, and that strangers cannot turn into a switch:
// - per requesting network (an IPv4 address or an IPv6 /64): the LOGIN_LIMITER binding, 5 a minute (answered 429);
// - per address AND requesting network: LOGIN_LINKS_PER_DAY links a day, counted in D1 (answered like success,
//   without a mail), so somebody else's requests never use up a customer's own links;
// - shop-wide, for addresses WITHOUT an account only: past LOGIN_CHALLENGE_AFTER sign-in mails in the last hour they
//   must pass Cloudflare Turnstile first (when it is set up), and past LOGIN_MAILS_PER_HOUR (the mail provider's
//   ceiling) they get no new link until the hour rolls on. Operators (ADMIN_EMAILS) and existing customers are never
//   held by other people's traffic.
// Every address gets the same answer whether or not it has an account: under pressure everyone is shown the challenge
// (an existing customer's link is on its way all the same), and a new address past the ceiling is answered like one
// over its daily share. An operator's resend skips the network and the shop-wide limits and has its own requester.
import type { Config } from '../config/index.ts';
import { hmacSha256Hex } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import { HOUR_MS } from '../time.ts';
import { loginMailsSince } from './tokens.ts';

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

/** What the shop knows when it decides about one sign-in request (after the network's own limit). */
export interface SignInFacts {
  /** An operator, or an address that already has an account. */
  known: boolean;
  /** Sign-in mails the whole shop sent in the last hour. */
  lastHour: number;
  /** Links this address got from this requester in the last 24 h. */
  issuedToday: number;
  /** The request carried a Turnstile token that siteverify vouched for. */
  passed: boolean;
}

export interface SignInDecision {
  /** Send the link now. */
  send: boolean;
  /** Answer with the challenge (every address alike, so the answer says nothing about who has an account). */
  challenge: boolean;
  /** Why no link is sent, for the logs. */
  held?: 'address' | 'challenge' | 'shop';
}

/** Whether the shop is asking new addresses to pass the challenge now. */
export function challenging(config: Pick<Config, 'turnstile' | 'limits'>, lastHour: number): boolean {
  return config.turnstile !== null && lastHour >= config.limits.loginChallengeAfter;
}

/** The decision for one request (see the top of this file). */
export function decideSignIn(config: Pick<Config, 'turnstile' | 'limits'>, facts: SignInFacts): SignInDecision {
  const challenge = challenging(config, facts.lastHour) && !facts.passed;
  if (facts.issuedToday >= config.limits.loginLinksPerDay) return { send: false, challenge, held: 'address' };
  if (facts.known) return { send: true, challenge };
  if (challenge) return { send: false, challenge, held: 'challenge' };
  if (facts.lastHour >= config.limits.loginMailsPerHour) return { send: false, challenge, held: 'shop' };
  return { send: true, challenge };
}

/** The console's figures: sign-in mails in the last hour against the challenge's threshold and the ceiling. */
export interface SignInMailFigures {
  lastHour: number;
  perHour: number;
  /** Null when no challenge is set up (TURNSTILE_SITE_KEY). */
  challengeAfter: number | null;
  /** New addresses must pass the challenge now. */
  challenging: boolean;
  /** New addresses get no new link now (existing customers and operators still do). */
  newPaused: boolean;
}

export async function signInMailFigures(
  db: Db,
  config: Pick<Config, 'turnstile' | 'limits'>,
  now: number,
): Promise<SignInMailFigures> {
  const lastHour = await loginMailsSince(db, HOUR_MS, now);
  return {
    lastHour,
    perHour: config.limits.loginMailsPerHour,
    challengeAfter: config.turnstile ? config.limits.loginChallengeAfter : null,
    challenging: challenging(config, lastHour),
    newPaused: lastHour >= config.limits.loginMailsPerHour,
  };
}
