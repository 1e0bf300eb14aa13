// A customer's personal access tokens: made (shown once, stored as a hash), listed, revoked one at a time or all
// at once, by the customer or by an operator. Each change is audited in the same batch as the change.
import { recordAudit } from '../audit/index.ts';
import { randomToken, sha256Hex } from '../crypto.ts';
import type { Services } from '../services/index.ts';
import { words } from '../shared/i18n/translate.ts';
import {
  type ApiScope,
  type CreatedTokenAnswer,
  type RevokedTokensAnswer,
  TOKEN_PREFIX,
  type TokensAnswer,
  type TokenView,
} from '../shared/tokens.ts';
import { DAY_MS } from '../time.ts';
import { TokenError } from './errors.ts';
import {
  type ApiTokenRow,
  insertTokenWithin,
  revokeAllTokensStatement,
  revokeTokenStatement,
  tokensOf,
} from './store.ts';

export type TokenServices = Pick<Services, 'db' | 'config' | 'clock'>;

/** Who acts on a customer's tokens, as the audit log names them: `customer:<id>` or `admin:<email>`. */
export interface TokenActor {
  actor: string;
  requestId?: string;
}

export interface NewToken {
  name: string;
  scopes: ApiScope[];
  /** Null: never expires. */
  expiresInDays: number | null;
}

export function tokenView(row: ApiTokenRow, now: number): TokenView {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    scopes: row.scopes as ApiScope[],
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    expired: row.expiresAt !== null && row.expiresAt <= now,
  };
}

/** A new token for the customer: 256 random bits after the prefix; only its SHA-256 is kept. */
export async function createToken(
  { db, config, clock }: TokenServices,
  customerId: string,
  input: NewToken,
  by: TokenActor,
): Promise<CreatedTokenAnswer> {
  const now = clock.now();
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const row: ApiTokenRow = {
    id: `tok_${crypto.randomUUID().replace(/-/g, '')}`,
    customerId,
    name: input.name,
    tokenHash: await sha256Hex(token),
    hint: `${TOKEN_PREFIX}…${token.slice(-4)}`,
    scopes: [...new Set(input.scopes)],
    createdAt: now,
    expiresAt: input.expiresInDays === null ? null : now + input.expiresInDays * DAY_MS,
    lastUsedAt: null,
    revokedAt: null,
  };
  const limit = config.api.tokensPerCustomer;
  if (!(await insertTokenWithin(db, row, limit, now)))
    throw new TokenError(
      'too_many_tokens',
      `You already have ${limit} API tokens, the most one account may hold. Revoke one you no longer use, then try again.`,
      { words: words('error.tooManyTokens', { limit }) },
    );
  await recordAudit(db, {
    actor: by.actor,
    action: 'token.create',
    customerId,
    detail: { tokenId: row.id, name: row.name, scopes: row.scopes, expiresAt: row.expiresAt },
    requestId: by.requestId,
    at: now,
  });
  return { token, view: tokenView(row, now) };
}

export async function listTokens({ db, config, clock }: TokenServices, customerId: string): Promise<TokensAnswer> {
  const now = clock.now();
  return {
    tokens: (await tokensOf(db, customerId)).map((row) => tokenView(row, now)),
    limit: config.api.tokensPerCustomer,
  };
}

/** Revokes one of the customer's tokens; someone else's (or an unknown or revoked) token is a 404. */
export async function revokeToken(
  { db, clock }: TokenServices,
  customerId: string,
  tokenId: string,
  by: TokenActor,
): Promise<RevokedTokensAnswer> {
  const now = clock.now();
  const [revoked] = await revokeTokenStatement(db, customerId, tokenId, now);
  if (!revoked)
    throw new TokenError('token_not_found', 'There is no such API token (it may already be revoked).', {
      words: words('error.tokenNotFound'),
    });
  await recordAudit(db, {
    actor: by.actor,
    action: 'token.revoke',
    customerId,
    detail: { tokenId, name: revoked.name, hint: revoked.hint },
    requestId: by.requestId,
    at: now,
  });
  return { revoked: 1 };
}

/** Revokes every token of the customer ("revoke all tokens"); signing out everywhere leaves them alone. */
export async function revokeAllTokens(
  { db, clock }: TokenServices,
  customerId: string,
  by: TokenActor,
): Promise<RevokedTokensAnswer> {
  const now = clock.now();
  const revoked = await revokeAllTokensStatement(db, customerId, now);
  await recordAudit(db, {
    actor: by.actor,
    action: 'token.revoke_all',
    customerId,
    detail: { revoked: revoked.length, tokenIds: revoked.map((t) => t.id) },
    requestId: by.requestId,
    at: now,
  });
  return { revoked: revoked.length };
}
