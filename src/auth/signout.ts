// Signing out: the session row is revoked (its JWT dies with it at once) and the customer's audit trail says so.
import { recordAudit } from '../audit/index.ts';
import type { Services } from '../services/index.ts';
import { revokeAllSessions, revokeSession } from './sessions.ts';

export interface SignedInSession {
  customerId: string;
  sessionId: string;
  requestId?: string;
}

/** Ends this one session. */
export async function signOut({ db, clock }: Pick<Services, 'db' | 'clock'>, session: SignedInSession): Promise<void> {
  const now = clock.now();
  await revokeSession(db, session.sessionId, now);
  await recordAudit(db, {
    actor: `customer:${session.customerId}`,
    action: 'auth.sign_out',
    customerId: session.customerId,
    detail: { sessionId: session.sessionId },
    requestId: session.requestId,
    at: now,
  });
}

/** Ends every live session of the customer ("sign out everywhere"); returns how many. */
export async function signOutEverywhere(
  { db, clock }: Pick<Services, 'db' | 'clock'>,
  session: SignedInSession,
): Promise<number> {
  const now = clock.now();
  const revoked = await revokeAllSessions(db, session.customerId, now);
  await recordAudit(db, {
    actor: `customer:${session.customerId}`,
    action: 'auth.sign_out_everywhere',
    customerId: session.customerId,
    detail: { revoked },
    requestId: session.requestId,
    at: now,
  });
  return revoked;
}
