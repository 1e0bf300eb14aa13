// The customer's own key secret: reveal it, rotate it. The secret lives sealed (AES-GCM, bound to the customer id)
// in D1, so revealing needs no platform call; rotating asks the platform for a new secret, which kills the old
// one at once, stores the new one sealed, and closes the key's open gateway sessions.

import type { PoolKeyRow } from '../../schema.ts';
import { recordAudit } from '../audit/index.ts';
import { getKeyRow, saveKeyState } from '../billing/keys.ts';
import { maskSecret } from '../billing/reconcile.ts';
import { seal, sha256Hex, unseal } from '../crypto.ts';
import type { RevealAnswer, RotateAnswer } from '../shared/dashboard.ts';
import { type DashboardServices, forgetLiveKey } from './account.ts';
import { DashboardError } from './errors.ts';
import { sessionsOfKey } from './recent.ts';

export interface Actor {
  customerId: string;
  requestId?: string;
  /** Who acts, for the audit log, when it is not the customer (an operator: `admin:<email>`). */
  by?: string;
}

const auditActor = (actor: Actor) => actor.by ?? `customer:${actor.customerId}`;

/** The customer's key row with an upstream key, or a clear 409 (no key yet / still being created). */
async function ownKey(
  { db }: Pick<DashboardServices, 'db'>,
  customerId: string,
): Promise<PoolKeyRow & { upstreamId: string }> {
  const row = await getKeyRow(db, customerId);
  if (!row || (!row.upstreamId && row.syncState === 'synced'))
    throw new DashboardError('no_key', 'You have no proxy key yet: buy a plan to get one.');
  if (!row.upstreamId)
    throw new DashboardError(
      'key_not_ready',
      'Your proxy key is still being created. It appears here within a minute of payment.',
    );
  return row as PoolKeyRow & { upstreamId: string };
}

async function storeSecret(
  { db, config }: Pick<DashboardServices, 'db' | 'config'>,
  customerId: string,
  secret: string,
): Promise<string> {
  const sealed = await seal(config.encryptionKey, secret, customerId);
  const secretMask = maskSecret(secret);
  await saveKeyState(db, customerId, { secretCiphertext: sealed.ciphertext, secretIv: sealed.iv, secretMask });
  return secretMask;
}

/** The customer's pak_ secret. From D1 when stored (no platform call); otherwise from the platform, then stored. */
export async function revealSecret(services: DashboardServices, actor: Actor): Promise<RevealAnswer> {
  const row = await ownKey(services, actor.customerId);
  let secret: string;
  let secretMask = row.secretMask;
  let source: 'shop' | 'platform' = 'shop';
  if (row.secretCiphertext && row.secretIv) {
    secret = await unseal(
      services.config.encryptionKey,
      { ciphertext: row.secretCiphertext, iv: row.secretIv },
      actor.customerId,
    );
  } else {
    secret = (await services.pool.revealKey(row.upstreamId, { maxRetries: 1 })).key;
    secretMask = await storeSecret(services, actor.customerId, secret);
    source = 'platform';
  }
  await recordAudit(services.db, {
    actor: auditActor(actor),
    action: 'key.reveal',
    customerId: actor.customerId,
    detail: { source },
    requestId: actor.requestId,
  });
  return { secret, secretMask: secretMask ?? maskSecret(secret) };
}

export const CLIENT_IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * A new secret for the customer's key. `clientKey` (the SPA's Idempotency-Key for this one confirmation) makes a
 * retried request replay the same rotation instead of rotating twice; it is bound to the customer, so no one
 * else's key can ever replay it.
 */
export async function rotateSecret(
  services: DashboardServices,
  actor: Actor,
  clientKey?: string,
): Promise<RotateAnswer> {
  const row = await ownKey(services, actor.customerId);
  const idempotencyKey = `rotate-${(await sha256Hex(`${actor.customerId}:${clientKey ?? crypto.randomUUID()}`)).slice(0, 48)}`;
  const fresh = await services.pool.regenerateKey(row.upstreamId, { idempotencyKey });
  // A replayed answer (same Idempotency-Key within 24 h) may carry a secret that a later rotation already
  // killed: check it against the platform's current (masked) secret, and read the real one if they differ.
  const current = await services.pool.getKey(row.upstreamId, { maxRetries: 1 });
  const same =
    current.key === fresh.key ||
    (current.key.startsWith(fresh.key.slice(0, 8)) && current.key.endsWith(fresh.key.slice(-4)));
  const secret = same ? fresh.key : (await services.pool.revealKey(row.upstreamId, { maxRetries: 1 })).key;
  const secretMask = await storeSecret(services, actor.customerId, secret);
  forgetLiveKey(row.upstreamId);

  let sessionsClosed = true;
  try {
    await services.pool.closeAllSessions(row.upstreamId);
    sessionsOfKey.forget(row.upstreamId);
  } catch (err) {
    sessionsClosed = false;
    services.log.warn('key rotated but its sessions could not be closed', { customerId: actor.customerId, err });
  }
  await recordAudit(services.db, {
    actor: auditActor(actor),
    action: 'key.rotate',
    customerId: actor.customerId,
    detail: { upstreamId: row.upstreamId, previousMask: row.secretMask, secretMask, sessionsClosed },
    requestId: actor.requestId,
  });
  services.log.info('pool key rotated', { customerId: actor.customerId, upstreamId: row.upstreamId, sessionsClosed });
  return { secret, secretMask, sessionsClosed };
}
