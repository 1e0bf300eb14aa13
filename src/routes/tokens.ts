// The dashboard's personal access tokens (/api/tokens): session only (a token cannot make or revoke tokens), and
// making one needs a sign-in from the last 10 minutes. The token is in the creation's answer and never again.
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { requireRecentSignIn, requireSession, type SessionEnv } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { API_SCOPES } from '../shared/tokens.ts';
import { createToken, listTokens, revokeAllTokens, revokeToken } from '../tokens/index.ts';
import * as z from '../zod.ts';

const CREATE_REAUTH_MS = 10 * 60_000;
/** The longest a token may be made to last; no expiry at all is allowed too (leave expiresInDays out). */
const MAX_TOKEN_DAYS = 365;

const createBody = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(64)),
  scopes: z.optional(z.array(z.enum(API_SCOPES)).check(z.minLength(1), z.maxLength(API_SCOPES.length))),
  expiresInDays: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_TOKEN_DAYS)))),
});
const tokenParam = z.object({ id: z.string().check(z.regex(/^tok_[0-9a-f]{32}$/, 'is not a token id')) });

function customer<E extends SessionEnv>(c: Context<E>) {
  return { actor: `customer:${c.var.identity.customerId}`, requestId: c.var.requestId };
}

export const tokens = new Hono<AppEnv>()
  .use(requireSession)
  .get('/', async (c) => c.json(await listTokens(c.var.services, c.var.identity.customerId)))
  .post('/', requireRecentSignIn(CREATE_REAUTH_MS), validate('json', createBody), async (c) => {
    const { name, scopes = ['read'], expiresInDays = null } = c.req.valid('json');
    const created = await createToken(
      c.var.services,
      c.var.identity.customerId,
      { name, scopes, expiresInDays },
      customer(c),
    );
    return c.json(created, 201);
  })
  .delete('/', async (c) => c.json(await revokeAllTokens(c.var.services, c.var.identity.customerId, customer(c))))
  .delete('/:id', validate('param', tokenParam), async (c) =>
    c.json(await revokeToken(c.var.services, c.var.identity.customerId, c.req.valid('param').id, customer(c))),
  );
