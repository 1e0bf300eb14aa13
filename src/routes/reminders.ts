// Reminder mail: the customer's on/off switch (signed in), and the signed one-click unsubscribe address of each mail
// (no session: the link's MAC is the authority). POST turns reminders off, as RFC 8058's one-click from the mail
// client's "Unsubscribe" button or from the button of the shop's unsubscribe page (both send
// `List-Unsubscribe=One-Click`); GET sends a browser to that page (src/routes/site.ts), which only asks.
import { Hono } from 'hono';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { privateNoStore } from '../http/middleware.ts';
import { requireSession } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { reminderSettings, setReminders, unsubscribeByLink, withToken } from '../reminders/index.ts';
import { UNSUBSCRIBE_PAGE_PATH } from '../shared/refill.ts';
import * as z from '../zod.ts';

const tokenQuery = z.object({ token: z.string().check(z.minLength(1), z.maxLength(200)) });
const settingsBody = z.object({ enabled: z.boolean() });

export const reminders = new Hono<AppEnv>()
  // The link of a mail sent before the page moved out of the API, or a mail client opening the one-click address.
  // The link is the credential: whatever reads it reads the primary.
  .get('/reminders/unsubscribe', readsFrom('primary'), validate('query', tokenQuery), (c) =>
    c.redirect(withToken(UNSUBSCRIBE_PAGE_PATH, c.req.valid('query').token), 303),
  )
  .post('/reminders/unsubscribe', readsFrom('primary'), validate('query', tokenQuery), async (c) => {
    const { token } = c.req.valid('query');
    await unsubscribeByLink(c.var.services, token, c.var.requestId);
    // A person pressing the page's button goes back to the page, which now says reminders are off; a mail client's
    // one-click gets JSON.
    if (c.req.header('accept')?.includes('text/html')) return c.redirect(withToken(UNSUBSCRIBE_PAGE_PATH, token), 303);
    return c.json({ enabled: false });
  })
  .get('/reminders', readsFrom('bookmark'), privateNoStore, requireSession, async (c) =>
    c.json(await reminderSettings(c.var.services.db, c.var.identity.customerId)),
  )
  .put('/reminders', requireSession, validate('json', settingsBody), async (c) =>
    c.json(
      await setReminders(
        c.var.services,
        { customerId: c.var.identity.customerId, requestId: c.var.requestId, via: 'dashboard' },
        c.req.valid('json').enabled,
      ),
    ),
  );
