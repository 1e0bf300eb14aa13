// "Sign out everywhere": every session of the customer ends at once and, when they ask for it, every API token too
// (a token is a credential of its own, so signing out leaves scripts working unless the customer says otherwise).
import { signOutEverywhere } from '../auth/index.ts';
import type { Services } from '../services/index.ts';
import { revokeAllTokens } from '../tokens/index.ts';

export interface SignedOutEverywhere {
  /** Sessions ended (browsers and devices). */
  revoked: number;
  /** API tokens revoked; null when the customer kept them. */
  tokensRevoked: number | null;
}

export async function endEverySession(
  services: Pick<Services, 'db' | 'config' | 'clock'>,
  session: { customerId: string; sessionId: string; requestId?: string },
  revokeTokens: boolean,
): Promise<SignedOutEverywhere> {
  const revoked = await signOutEverywhere(services, session);
  if (!revokeTokens) return { revoked, tokensRevoked: null };
  const tokens = await revokeAllTokens(services, session.customerId, {
    actor: `customer:${session.customerId}`,
    requestId: session.requestId,
  });
  return { revoked, tokensRevoked: tokens.revoked };
}
