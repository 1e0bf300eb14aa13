// Login tokens: 256 random bits, only their SHA-256 stored, 15 minutes, single use, newest one wins.
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { loginTokens } from '../../schema.ts';
import { randomToken, sha256Hex } from '../crypto.ts';
import type { Db } from '../db/index.ts';

export const LOGIN_TOKEN_TTL_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export interface IssuedLoginToken {
  tokenId: string;
  /** The raw token: it goes into the emailed URL and nowhere else (never stored, never logged). */
  token: string;
  expiresAt: number;
}

/** Issues a token for `email`, voiding that email's older unused tokens in the same atomic batch. */
export async function issueLoginToken(
  db: Db,
  email: string,
  redirectTo: string | null,
  now = Date.now(),
): Promise<IssuedLoginToken> {
  const token = randomToken(32);
  const tokenId = crypto.randomUUID();
  const expiresAt = now + LOGIN_TOKEN_TTL_MS;
  await db.batch([
    db
      .update(loginTokens)
      .set({ voidedAt: now })
      .where(and(eq(loginTokens.email, email), isNull(loginTokens.consumedAt), isNull(loginTokens.voidedAt))),
    db
      .insert(loginTokens)
      .values({ id: tokenId, email, tokenHash: await sha256Hex(token), redirectTo, createdAt: now, expiresAt }),
  ]);
  return { tokenId, token, expiresAt };
}

export interface ConsumedLoginToken {
  tokenId: string;
  email: string;
  redirectTo: string | null;
}

/**
 * Uses a token up in ONE statement: of two concurrent verifies of the same link, exactly one gets a row.
 * Unknown, used, voided and expired tokens all answer null.
 */
export async function consumeLoginToken(db: Db, token: string, now = Date.now()): Promise<ConsumedLoginToken | null> {
  const [row] = await db
    .update(loginTokens)
    .set({ consumedAt: now })
    .where(
      and(
        eq(loginTokens.tokenHash, await sha256Hex(token)),
        isNull(loginTokens.consumedAt),
        isNull(loginTokens.voidedAt),
        gt(loginTokens.expiresAt, now),
      ),
    )
    .returning({ tokenId: loginTokens.id, email: loginTokens.email, redirectTo: loginTokens.redirectTo });
  return row ?? null;
}

/** How many tokens `email` was sent in the last 24 hours (the daily cap). */
export async function tokensIssuedToday(db: Db, email: string, now = Date.now()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(loginTokens)
    .where(and(eq(loginTokens.email, email), gt(loginTokens.createdAt, now - DAY_MS)));
  return row?.n ?? 0;
}
