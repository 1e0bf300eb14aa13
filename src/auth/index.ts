// Magic-link sign-in and sessions: email normalisation, login tokens, rate limits, session JWTs and rows.
export { emailSchema, normaliseEmail } from './email.ts';
export { AuthError } from './errors.ts';
export { DAILY_EMAILS_PER_ADDRESS } from './ratelimit.ts';
export { safeNextPath } from './redirect.ts';
export {
  findActiveSession,
  needsRenewal,
  renewSession,
  revokeAllSessions,
  revokeSession,
  SESSION_MAX_AGE_MS,
  SESSION_TTL_MS,
  type SessionClaims,
  type SessionKeys,
  signSessionToken,
  verifySessionToken,
} from './sessions.ts';
export { completeSignIn, requestSignIn, type SignedIn, type SignInRequestOutcome } from './signin.ts';
export { LOGIN_TOKEN_TTL_MS } from './tokens.ts';
