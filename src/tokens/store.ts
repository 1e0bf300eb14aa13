// The api_tokens table: the one module with its SQL.
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { type ApiTokenRow, apiTokens, customers } from '../../schema.ts';
import type { Db } from '../db/index.ts';

export type { ApiTokenRow };

/** A token's last use is written at most this often: a busy script costs one write a minute, not one a request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Not revoked and not expired at `now`. */
function live(now: number) {
  return and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)));
}

/**
 * Records the token only while the customer holds fewer than `limit` live ones: the check and the insert are one
 * statement, so concurrent creations cannot pass the limit together. Whether it was recorded.
 */
export async function insertTokenWithin(db: Db, row: ApiTokenRow, limit: number, now: number): Promise<boolean> {
  const held = sql`select count(*) from ${apiTokens} where ${and(eq(apiTokens.customerId, row.customerId), live(now))}`;
  const inserted = await db
    .insert(apiTokens)
    .select(
      db
        .select({
          id: sql`${row.id}`.as('id'),
          customerId: sql`${row.customerId}`.as('customer_id'),
          name: sql`${row.name}`.as('name'),
          tokenHash: sql`${row.tokenHash}`.as('token_hash'),
          hint: sql`${row.hint}`.as('hint'),
          scopes: sql`${JSON.stringify(row.scopes)}`.as('scopes'),
          createdAt: sql`${row.createdAt}`.as('created_at'),
          expiresAt: sql`${row.expiresAt}`.as('expires_at'),
          lastUsedAt: sql`null`.as('last_used_at'),
          revokedAt: sql`null`.as('revoked_at'),
        })
        .from(sql`(select 1)`)
        .where(sql`(${held}) < ${limit}`),
    )
    .returning({ id: apiTokens.id });
  return inserted.length > 0;
}

/** The customer's tokens that were not revoked (expired ones included, so their owner sees why a script stopped). */
export function tokensOf(db: Db, customerId: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.customerId, customerId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/**
 * The token with this hash and whether its customer is suspended, in one statement: every API request reads it
 * before anything else, so the customer row is joined here rather than read in a second round trip.
 */
export async function tokenByHash(
  db: Db,
  tokenHash: string,
): Promise<(ApiTokenRow & { suspendedAt: number | null }) | undefined> {
  const [row] = await db
    .select({ token: apiTokens, suspendedAt: customers.suspendedAt })
    .from(apiTokens)
    .innerJoin(customers, eq(customers.id, apiTokens.customerId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row ? { ...row.token, suspendedAt: row.suspendedAt } : undefined;
}

/** Records a use, unless one was recorded within the last LAST_USED_RESOLUTION_MS. */
export async function touchToken(db: Db, tokenId: string, now: number): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now - LAST_USED_RESOLUTION_MS)),
      ),
    );
}

/** Revokes one of the customer's tokens (another customer's id matches nothing); the revoked row, if any. */
export function revokeTokenStatement(db: Db, customerId: string, tokenId: string, now: number) {
  return db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.customerId, customerId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name, hint: apiTokens.hint });
}

/** Revokes every token of the customer; the revoked rows. */
export function revokeAllTokensStatement(db: Db, customerId: string, now: number) {
  return db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.customerId, customerId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
}
