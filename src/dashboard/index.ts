// The customer dashboard's domain: account and key status, reveal/rotate, own gateway sessions and usage.
// Everything is scoped by the signed-in customer's id; the customer never names a key.
export {
  accountKey,
  type DashboardDeps,
  type DashboardPool,
  describeKey,
  forgetLiveKey,
  LIVE_KEY_FRESH_MS,
} from './account.ts';
export { DashboardError, type DashboardErrorCode } from './errors.ts';
export { type Actor, CLIENT_IDEMPOTENCY_KEY, revealSecret, rotateSecret } from './key.ts';
export { closeAllOwnSessions, closeOwnSession, listOwnSessions, ownUsage } from './sessions.ts';
