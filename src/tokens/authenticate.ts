// A request's bearer token → the customer it acts for. Found by its SHA-256 (an index lookup: nothing to compare in
// time that could leak); a revoked, expired or unknown token is the same 401, a suspended customer's is a 403.
import { sha256Hex } from '../crypto.ts';
import type { Services } from '../services/index.ts';
import { type ApiScope, TOKEN_PREFIX } from '../shared/tokens.ts';
import { TokenError } from './errors.ts';
import { LAST_USED_RESOLUTION_MS, tokenByHash, touchToken } from './store.ts';

export interface TokenIdentity {
  tokenId: string;
  customerId: string;
  scopes: ApiScope[];
}

/** `pst_` and 43 base64url characters (256 bits). */
const TOKEN_SHAPE = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

/**
 * The identity behind `token`. The token's last use is recorded after the answer (`waitUntil`), at most once a minute,
 * so a request costs one D1 read before its own work.
 */
export async function authenticateToken(
  { db, clock, waitUntil }: Pick<Services, 'db' | 'clock' | 'waitUntil'>,
  token: string,
): Promise<TokenIdentity> {
  const refused = new TokenError(
    'invalid_token',
    'This API token is not valid: it may be mistyped, expired or revoked. Make a new one in your dashboard.',
  );
  if (!TOKEN_SHAPE.test(token)) throw refused;
  const row = await tokenByHash(db, await sha256Hex(token));
  const now = clock.now();
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) throw refused;
  if (row.suspendedAt !== null)
    throw new TokenError('account_suspended', 'Your account is suspended, so its API tokens do not work.');
  if (row.lastUsedAt === null || row.lastUsedAt < now - LAST_USED_RESOLUTION_MS) waitUntil(touchToken(db, row.id, now));
  return { tokenId: row.id, customerId: row.customerId, scopes: row.scopes as ApiScope[] };
}
