// The customer's own key secret from the dashboard: reveal it (from its sealed copy) and rotate it, each audited
// as the customer. The rules (never for a suspended customer, store before verify) live in src/keys/.
import { auditStatement, recordAudit } from '../audit/index.ts';
import type { Suspension } from '../customers/index.ts';
import { type EndedGrace, endRetiringGrace, type ReconcileServices } from '../fulfilment/index.ts';
import { mintedKey, type PoolKeyRow, readSecret, rotateKeySecret } from '../keys/index.ts';
import type { EndedPreviousKey, RevealAnswer, RotateAnswer } from '../shared/dashboard.ts';
import type { DashboardServices } from './account.ts';

export interface Actor {
  customerId: string;
  requestId?: string;
}

/**
 * The secret of the customer's current key (`key`, read with the session check). The audit row does not change the
 * answer, so it is written after it (waitUntil) rather than costing a round trip before it.
 */
export async function revealSecret(
  services: DashboardServices,
  actor: Actor,
  customer: Suspension,
  key: PoolKeyRow | undefined,
): Promise<RevealAnswer> {
  const { secret, secretMask, source } = await readSecret(services, mintedKey(services.config, customer, key));
  services.waitUntil(
    recordAudit(services.db, {
      actor: `customer:${actor.customerId}`,
      action: 'key.reveal',
      customerId: actor.customerId,
      detail: { source },
      requestId: actor.requestId,
      at: services.clock.now(),
    }),
  );
  return { secret, secretMask };
}

/** The previous key a rotation (or an operator) ended, as the customer is told about it. */
export function endedPreviousKey(ended: EndedGrace): EndedPreviousKey | null {
  const last = ended.generations.at(-1);
  return last ? { secretMask: last.secretMask, switchedOff: ended.switchedOff } : null;
}

/**
 * A new secret for the current key, and the end of every other secret the customer still has: a rollover's previous
 * key stops working too (its grace ends now; its unused GB move to the current key as at the end of a grace).
 * `clientKey` (the SPA's Idempotency-Key for one confirmation) makes a retry replay, not rotate twice.
 */
export async function rotateSecret(
  services: DashboardServices & ReconcileServices,
  actor: Actor,
  clientKey?: string,
): Promise<RotateAnswer> {
  const rotated = await rotateKeySecret(services, actor.customerId, clientKey);
  const ended = await endRetiringGrace(services, actor.customerId, (generations, at) => [
    auditStatement(services.db, {
      at,
      actor: `customer:${actor.customerId}`,
      action: 'key.end_grace',
      customerId: actor.customerId,
      detail: { generations, by: 'rotate' },
      requestId: actor.requestId,
    }),
  ]);
  await recordAudit(services.db, {
    actor: `customer:${actor.customerId}`,
    action: 'key.rotate',
    customerId: actor.customerId,
    detail: {
      upstreamId: rotated.upstreamId,
      previousMask: rotated.previousMask,
      secretMask: rotated.secretMask,
      sessionsClosed: rotated.sessionsClosed,
    },
    requestId: actor.requestId,
    at: services.clock.now(),
  });
  return {
    secret: rotated.secret,
    secretMask: rotated.secretMask,
    sessionsClosed: rotated.sessionsClosed,
    previousKey: endedPreviousKey(ended),
  };
}
