// Magic-link sign-in and sessions: email normalisation, login tokens, rate limits, session JWTs and rows.
export { emailSchema, normaliseEmail } from './email.ts';
export { AuthError } from './errors.ts';
export { safeNextPath } from './redirect.ts';
export { DAILY_EMAILS_PER_ADDRESS } from './ratelimit.ts';
export { completeSignIn, requestSignIn, type SignedIn, type SignInRequestOutcome } from './signin.ts';
export {
  findActiveSession,
  needsRenewal,
  renewSession,
  revokeAllSessions,
  revokeSession,
  SESSION_MAX_AGE_MS,
  SESSION_TTL_MS,
  signSessionToken,
  verifySessionToken,
  type SessionClaims,
  type SessionKeys,
} from './sessions.ts';
export { LOGIN_TOKEN_TTL_MS } from './tokens.ts';
