// Magic-link sign-in and sessions: email normalisation, login tokens, rate limits, session JWTs and rows, sign-out.

export { safeNextPath } from '../shared/redirect.ts';
export { emailSchema } from './email.ts';
export { AuthError } from './errors.ts';
export { requesterNetwork } from './network.ts';
export { signInMailFigures } from './ratelimit.ts';
export { activeSession, needsRenewal, sessionReads, signSessionToken, verifySessionToken } from './sessions.ts';
export { completeSignIn, requestSignIn, type SignInRequestOutcome } from './signin.ts';
export { signOut, signOutEverywhere } from './signout.ts';
export { LOGIN_TOKEN_TTL_MS, peekLoginToken } from './tokens.ts';
export { TURNSTILE_ACTION, TURNSTILE_TOKEN_MAX } from './turnstile.ts';
