// The customer's auto top-up: see it, turn it on with a choice, turn it off in one click. Session required; the
// charges themselves happen in the cron (src/refill).
import { Hono } from 'hono';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { askersLanguage } from '../http/locale.ts';
import { privateNoStore } from '../http/middleware.ts';
import { requireSession } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { autoTopUpView, switchOffAutoTopUp, turnOnAutoTopUp } from '../refill/index.ts';
import * as z from '../zod.ts';

const choiceBody = z.object({
  tierId: z.string().check(z.minLength(1), z.maxLength(64)),
  trigger: z.enum(['gb_left', 'days_left']),
  threshold: z.int().check(z.minimum(1), z.maximum(100_000)),
  monthlyLimit: z.int().check(z.minimum(1), z.maximum(100_000_000)),
});

export const autoTopUp = new Hono<AppEnv>()
  .get('/auto-top-up', readsFrom('bookmark'), privateNoStore, requireSession, async (c) =>
    c.json(await autoTopUpView(c.var.services, c.var.identity.customerId, await askersLanguage(c))),
  )
  .put('/auto-top-up', privateNoStore, requireSession, validate('json', choiceBody), async (c) =>
    c.json(
      await turnOnAutoTopUp(
        c.var.services,
        { customerId: c.var.identity.customerId, requestId: c.var.requestId },
        c.req.valid('json'),
        await askersLanguage(c),
      ),
    ),
  )
  .delete('/auto-top-up', privateNoStore, requireSession, async (c) =>
    c.json(
      await switchOffAutoTopUp(
        c.var.services,
        { customerId: c.var.identity.customerId, requestId: c.var.requestId },
        await askersLanguage(c),
      ),
    ),
  );
