// The customer dashboard's API: my account and key, reveal/rotate the secret, my gateway sessions, my usage.
// Session required everywhere; nothing here takes a key id from the client; nothing is ever cached by anyone.
import { type Context, Hono } from 'hono';
import { every } from 'hono/combine';
import {
  accountReads,
  accountView,
  chooseLanguage,
  closeAllOwnSessions,
  closeOwnSession,
  listOwnSessions,
  ownKeyReads,
  revealSecret,
  rotateSecret,
} from '../dashboard/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { idempotencyKeyHeader } from '../http/idempotency.ts';
import { limitPerCustomer } from '../http/limits.ts';
import { askersLanguage, rememberLocale } from '../http/locale.ts';
import { privateNoStore } from '../http/middleware.ts';
import {
  requireRecentSignIn,
  requireSession,
  requireSessionReading,
  type SessionEnv,
  signedInCustomer,
} from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { dailyUsage } from '../keys/index.ts';
import { SHIPPED_LOCALES } from '../shared/i18n/locales.ts';
import * as z from '../zod.ts';

/** Rotating the key needs a sign-in from the last 10 minutes. */
const ROTATE_REAUTH_MS = 10 * 60_000;
/** A recent sign-in, then the customer's rotation limit. */
const rotateGuard = every(requireRecentSignIn(ROTATE_REAUTH_MS), limitPerCustomer('rotate'));

function actor<E extends SessionEnv>(c: Context<E>) {
  return { customerId: c.var.identity.customerId, requestId: c.var.requestId };
}

const sessionKeyParam = z.object({ key: z.string().check(z.minLength(1), z.maxLength(512)) });
const usageQuery = z.object({
  days: z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d{1,2}$/, 'must be a whole number of days from 1 to 90')), z.transform(Number))
      .check(z.refine((n) => n >= 1 && n <= 90, 'must be from 1 to 90')),
  ),
});

const languageBody = z.object({ locale: z.enum(SHIPPED_LOCALES) });

export const dashboard = new Hono<AppEnv>()
  // The dashboard's reads come from the nearest replica that has the browser's own writes; reveal, rotate and closing
  // sessions check the session on the primary (the guards' default).
  .get('/account', readsFrom('bookmark'), privateNoStore, requireSessionReading(accountReads), async (c) =>
    c.json(
      await accountView(
        c.var.services,
        signedInCustomer(c.var.identity),
        c.var.identity.customer,
        c.var.reads,
        await askersLanguage(c),
      ),
    ),
  )
  /** The language of the dashboard and of the customer's mail (remembered in the browser too, for the app's pages). */
  .put('/account/language', privateNoStore, requireSession, validate('json', languageBody), async (c) => {
    const locale = await chooseLanguage(c.var.services, c.var.identity.customerId, c.req.valid('json').locale);
    rememberLocale(c, locale);
    return c.json({ locale });
  })
  .post('/key/reveal', privateNoStore, requireSessionReading(ownKeyReads), limitPerCustomer('reveal'), async (c) =>
    c.json(await revealSecret(c.var.services, actor(c), c.var.identity.customer, c.var.reads.key)),
  )
  .post('/key/rotate', privateNoStore, requireSession, rotateGuard, async (c) =>
    c.json(await rotateSecret(c.var.services, actor(c), idempotencyKeyHeader(c))),
  )
  .get(
    '/sessions',
    readsFrom('bookmark'),
    privateNoStore,
    requireSessionReading(ownKeyReads),
    limitPerCustomer('sessions'),
    async (c) => c.json(await listOwnSessions(c.var.services, c.var.reads.key)),
  )
  .delete('/sessions', privateNoStore, requireSession, limitPerCustomer('close_sessions'), async (c) =>
    c.json(await closeAllOwnSessions(c.var.services, actor(c))),
  )
  .delete(
    '/sessions/:key',
    privateNoStore,
    requireSession,
    validate('param', sessionKeyParam),
    limitPerCustomer('close_sessions'),
    async (c) => c.json(await closeOwnSession(c.var.services, actor(c), c.req.valid('param').key)),
  )
  .get(
    '/usage',
    readsFrom('bookmark'),
    privateNoStore,
    requireSessionReading(ownKeyReads),
    validate('query', usageQuery),
    limitPerCustomer('usage'),
    async (c) => c.json(await dailyUsage(c.var.services, c.var.reads.key, c.req.valid('query').days ?? 30)),
  );
