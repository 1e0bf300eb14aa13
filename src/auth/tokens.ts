// Login tokens: 256 random bits, only their SHA-256 stored, 15 minutes, single use; the newest one a requester got
// voids the older ones that requester got.
import { and, count, eq, gt, isNull, lt } from 'drizzle-orm';
import { loginTokens } from '../../schema.ts';
import { randomToken, sha256Hex } from '../crypto.ts';
import type { Db } from '../db/index.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { DAY_MS, MINUTE_MS } from '../time.ts';

export const LOGIN_TOKEN_TTL_MS = 15 * MINUTE_MS;

export interface IssuedLoginToken {
  tokenId: string;
  /** The raw token: it goes into the emailed URL and nowhere else (never stored, never logged). */
  token: string;
  expiresAt: number;
}

export interface LoginTokenRequest {
  email: string;
  /** See loginRequesterKey (ratelimit.ts). */
  requester: string;
  redirectTo: string | null;
  /** The language of the page the link was asked from, or null (the shop's default). */
  locale: Locale | null;
}

/** Records a new token for `email`. Older ones stay valid until the new one's mail is queued (voidOlderLoginTokens). */
export async function issueLoginToken(
  db: Db,
  { email, requester, redirectTo, locale }: LoginTokenRequest,
  now: number,
): Promise<IssuedLoginToken> {
  const token = randomToken(32);
  const tokenId = crypto.randomUUID();
  const expiresAt = now + LOGIN_TOKEN_TTL_MS;
  await db.insert(loginTokens).values({
    id: tokenId,
    email,
    requester,
    tokenHash: await sha256Hex(token),
    redirectTo,
    locale,
    createdAt: now,
    expiresAt,
  });
  return { tokenId, token, expiresAt };
}

/** Takes back a token whose mail never left (the queue refused it): it neither works nor counts against a limit. */
export async function withdrawLoginToken(db: Db, tokenId: string): Promise<void> {
  await db.delete(loginTokens).where(eq(loginTokens.id, tokenId));
}

/**
 * Voids the unused tokens that `requester` had sent to `email` before `issuedAt` (only once the newer one is queued).
 * Strictly before: two requests in the same millisecond cannot void each other.
 */
export async function voidOlderLoginTokens(
  db: Db,
  { email, requester }: Pick<LoginTokenRequest, 'email' | 'requester'>,
  issuedAt: number,
): Promise<void> {
  await db
    .update(loginTokens)
    .set({ voidedAt: issuedAt })
    .where(
      and(
        eq(loginTokens.email, email),
        eq(loginTokens.requester, requester),
        lt(loginTokens.createdAt, issuedAt),
        isNull(loginTokens.consumedAt),
        isNull(loginTokens.voidedAt),
      ),
    );
}

/** The row a raw token names, while it can still be used: not used, not voided, not expired. */
async function usable(token: string, now: number) {
  return and(
    eq(loginTokens.tokenHash, await sha256Hex(token)),
    isNull(loginTokens.consumedAt),
    isNull(loginTokens.voidedAt),
    gt(loginTokens.expiresAt, now),
  );
}

export interface ConsumedLoginToken {
  tokenId: string;
  email: string;
  redirectTo: string | null;
  locale: string | null;
}

/**
 * Uses a token up in ONE statement: of two concurrent verifies of the same link, exactly one gets a row.
 * Unknown, used, voided and expired tokens all answer null.
 */
export async function consumeLoginToken(db: Db, token: string, now: number): Promise<ConsumedLoginToken | null> {
  const [row] = await db
    .update(loginTokens)
    .set({ consumedAt: now })
    .where(await usable(token, now))
    .returning({
      tokenId: loginTokens.id,
      email: loginTokens.email,
      redirectTo: loginTokens.redirectTo,
      locale: loginTokens.locale,
    });
  return row ?? null;
}

/**
 * What a usable token would sign in as, without using it: the confirm page shows the address and where it goes next,
 * so a link someone else sent is spotted before it signs anyone in. Null for unknown, used, voided and expired ones.
 */
export async function peekLoginToken(
  db: Db,
  token: string,
  now: number,
): Promise<{ email: string; redirectTo: string | null; expiresAt: number } | null> {
  const [row] = await db
    .select({ email: loginTokens.email, redirectTo: loginTokens.redirectTo, expiresAt: loginTokens.expiresAt })
    .from(loginTokens)
    .where(await usable(token, now))
    .limit(1);
  return row ?? null;
}

/** How many tokens `requester` had sent to `email` in the last 24 hours (the daily cap). */
export async function tokensIssuedToday(
  db: Db,
  who: Pick<LoginTokenRequest, 'email' | 'requester'>,
  now: number,
): Promise<number> {
  const [row] = await tokensIssuedTodayQuery(db, who, now);
  return row?.n ?? 0;
}

/** `tokensIssuedToday` as a statement that can ride in a batch with others (its one row's `n`). */
export function tokensIssuedTodayQuery(
  db: Db,
  { email, requester }: Pick<LoginTokenRequest, 'email' | 'requester'>,
  now: number,
) {
  return db
    .select({ n: count() })
    .from(loginTokens)
    .where(
      and(eq(loginTokens.email, email), eq(loginTokens.requester, requester), gt(loginTokens.createdAt, now - DAY_MS)),
    );
}

/** The sign-in mails the whole shop issued in the last `windowMs` (the shop-wide cap and the console's figure). */
export async function loginMailsSince(db: Db, windowMs: number, now: number): Promise<number> {
  const [row] = await loginMailsSinceQuery(db, windowMs, now);
  return row?.n ?? 0;
}

/** `loginMailsSince` as a statement that can ride in a batch with others (its one row's `n`). */
export function loginMailsSinceQuery(db: Db, windowMs: number, now: number) {
  return db
    .select({ n: count() })
    .from(loginTokens)
    .where(gt(loginTokens.createdAt, now - windowMs));
}
