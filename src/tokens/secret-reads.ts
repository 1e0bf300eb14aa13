// A token's reads of the key's secret (the API routes whose answers carry it, like /api/v1/proxy-urls): counted in the
// audit log, one row per token and UTC day with how many, not one row per call (a script may ask every minute).
import { countAudit } from '../audit/index.ts';
import type { Services } from '../services/index.ts';
import type { TokenIdentity } from './authenticate.ts';

export const SECRET_READ_ACTION = 'api.secret_read';

export async function countSecretRead(
  { db, clock }: Pick<Services, 'db' | 'clock'>,
  token: TokenIdentity,
  requestId?: string,
): Promise<void> {
  const now = clock.now();
  const day = new Date(now).toISOString().slice(0, 10);
  await countAudit(db, {
    id: `${SECRET_READ_ACTION}:${token.tokenId}:${day}`,
    actor: `token:${token.tokenId}`,
    action: SECRET_READ_ACTION,
    customerId: token.customerId,
    detail: { tokenId: token.tokenId, day },
    requestId,
    at: now,
  });
}
