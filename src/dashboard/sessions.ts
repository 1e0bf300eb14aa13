// Open gateway sessions of the customer's OWN key. Every platform call carries the key id
// from the customer's pool_keys row (never one the client sends): the platform's sessions endpoints return
// every customer's sessions of the reseller without it.
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { firstRow } from '../db/reads.ts';
import { currentKey, currentKeyQuery, type PoolKeyRow, sessionsOfKey } from '../keys/index.ts';
import type { ActiveSession } from '../pool/index.ts';
import type { CloseSessionsAnswer, SessionsAnswer, SessionView } from '../shared/dashboard.ts';
import type { DashboardServices } from './account.ts';
import { DashboardError } from './errors.ts';
import type { Actor } from './key.ts';

/** The upstream id of the customer's current key, or null when they have none yet. */
async function ownKeyId(services: DashboardServices, customerId: string): Promise<string | null> {
  return (await currentKey(services.db, customerId))?.upstreamId ?? null;
}

/** What the key's routes read beside the session check, in its round trip: the customer's current key. */
export const ownKeyReads = (db: Db, customerId: string) => ({ key: firstRow(currentKeyQuery(db, customerId)) });

function view(s: ActiveSession): SessionView {
  return {
    sessionKey: s.sessionKey,
    sid: s.sessionId,
    synthesizedSid: s.isSynthesizedSid,
    pool: s.pool,
    country: s.country,
    carrier: s.carrier,
    rotation: s.rotation,
    currentIp: s.currentIp,
    requestCount: s.requestCount,
    bytesIn: s.bytesIn,
    bytesOut: s.bytesOut,
    createdAt: s.createdAt,
    lastActivityAt: s.lastActivityAt,
    expiresAt: s.expiresAt,
  };
}

/** The open sessions of the customer's current key (`key`, read with the session check). */
export async function listOwnSessions(
  services: DashboardServices,
  key: PoolKeyRow | undefined,
): Promise<SessionsAnswer> {
  const pakId = key?.upstreamId;
  if (!pakId) return { sessions: [] };
  return sessionsOfKey.get(pakId, services.clock.now(), async () => {
    const answer = await services.pool.listSessions(pakId);
    return { sessions: answer.sessions.map(view).sort((a, b) => b.lastActivityAt - a.lastActivityAt) };
  });
}

/** Closes one session of the customer's key; someone else's (or an unknown) session is a 404, like a missing one. */
export async function closeOwnSession(
  services: DashboardServices,
  actor: Actor,
  sessionKey: string,
): Promise<CloseSessionsAnswer> {
  const pakId = await ownKeyId(services, actor.customerId);
  const notFound = () => new DashboardError('session_not_found', 'That session is not open (any more).');
  if (!pakId) throw notFound();
  const answer = await services.pool.closeSession(pakId, sessionKey);
  sessionsOfKey.forget(pakId);
  if (!answer.success) throw notFound();
  await recordAudit(services.db, {
    actor: `customer:${actor.customerId}`,
    action: 'sessions.close',
    customerId: actor.customerId,
    detail: { sessionKey },
    requestId: actor.requestId,
    at: services.clock.now(),
  });
  return { closed: 1 };
}

export async function closeAllOwnSessions(services: DashboardServices, actor: Actor): Promise<CloseSessionsAnswer> {
  const pakId = await ownKeyId(services, actor.customerId);
  if (!pakId) return { closed: 0 };
  const answer = await services.pool.closeAllSessions(pakId);
  sessionsOfKey.forget(pakId);
  const closed = answer.count ?? 0;
  await recordAudit(services.db, {
    actor: `customer:${actor.customerId}`,
    action: 'sessions.close_all',
    customerId: actor.customerId,
    detail: { closed },
    requestId: actor.requestId,
    at: services.clock.now(),
  });
  return { closed };
}
