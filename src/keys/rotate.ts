// A new secret for the customer's current key. The platform kills the old secret the moment it answers, so the
// new one is stored (sealed) before anything else can fail; then it is checked against the platform. If the check
// cannot be made, the key is marked for the reconcile to read the live secret, so what the dashboard shows is
// never a dead secret for longer than one reconcile.
import { sha256Hex } from '../crypto.ts';
import { forgetLiveKey } from './live.ts';
import { sessionsOfKey } from './recent.ts';
import { type KeyServices, ownKey, storeSecret } from './reveal.ts';
import { sameSecret } from './secret.ts';
import { markOwedStatement } from './sync.ts';

export const CLIENT_IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export interface Rotation {
  upstreamId: string;
  previousMask: string | null;
  secret: string;
  secretMask: string;
  /** Whether the key's open gateway sessions were closed too (the old secret dies either way). */
  sessionsClosed: boolean;
}

/**
 * `clientKey` (the Idempotency-Key of one confirmation in the dashboard or the console) makes a retried request
 * replay the same rotation instead of rotating twice; it is bound to the customer, so nobody else can replay it.
 */
export async function rotateKeySecret(
  services: KeyServices,
  customerId: string,
  clientKey?: string,
): Promise<Rotation> {
  const { db, pool, log, clock } = services;
  const row = await ownKey(services, customerId);
  const idempotencyKey = `rotate-${(await sha256Hex(`${customerId}:${clientKey ?? crypto.randomUUID()}`)).slice(0, 48)}`;
  const fresh = await pool.regenerateKey(row.upstreamId, { idempotencyKey });
  let secret = fresh.key;
  let secretMask = await storeSecret(services, row, secret, false);
  await forgetLiveKey(services, row.upstreamId);
  try {
    // A replayed answer (same Idempotency-Key within 24 h) may carry a secret a later rotation already killed:
    // compare it with the platform's current (masked) secret, and read the real one if they differ.
    const current = await pool.getKey(row.upstreamId, { maxRetries: 1 });
    if (!sameSecret(current.key, secret)) secret = (await pool.revealKey(row.upstreamId, { maxRetries: 1 })).key;
    secretMask = await storeSecret(services, row, secret);
  } catch (err) {
    log.warn('key rotated but not yet checked; the reconcile reads the live secret', { customerId, err });
    await markOwedStatement(db, customerId, clock.now());
  }

  let sessionsClosed = true;
  try {
    await pool.closeAllSessions(row.upstreamId);
    sessionsOfKey.forget(row.upstreamId);
  } catch (err) {
    sessionsClosed = false;
    log.warn('key rotated but its sessions could not be closed', { customerId, err });
  }
  log.info('pool key rotated', { customerId, upstreamId: row.upstreamId, sessionsClosed });
  return { upstreamId: row.upstreamId, previousMask: row.secretMask, secret, secretMask, sessionsClosed };
}
