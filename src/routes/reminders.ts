// Reminder mail: the customer's on/off switch (signed in), and the signed one-click unsubscribe link of each mail
// (no session: the link's MAC is the authority). GET is the link clicked in the mail; POST is RFC 8058's one-click
// from the mail client's "Unsubscribe" button.
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { privateNoStore } from '../http/middleware.ts';
import { requireSession } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { reminderSettings, setReminders, unsubscribeByLink } from '../reminders/index.ts';
import * as z from '../zod.ts';

const tokenQuery = z.object({ token: z.string().check(z.minLength(1), z.maxLength(200)) });
const settingsBody = z.object({ enabled: z.boolean() });

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function unsubscribedPage(c: Context<AppEnv>, email: string) {
  const { brand, publicUrl } = c.var.services.config;
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Reminders off — ${escapeHtml(brand.name)}</title></head>` +
      `<body><h1>Reminders are off</h1><p>${escapeHtml(email)} will no longer get usage and expiry reminders from ${escapeHtml(brand.name)}. Receipts and sign-in links are still sent.</p>` +
      `<p>Changed your mind? Turn them back on in <a href="${escapeHtml(publicUrl)}/dashboard">your dashboard</a>.</p></body></html>`,
  );
}

export const reminders = new Hono<AppEnv>()
  .get('/reminders/unsubscribe', validate('query', tokenQuery), async (c) => {
    const { email } = await unsubscribeByLink(c.var.services, c.req.valid('query').token, c.var.requestId);
    return unsubscribedPage(c, email);
  })
  .post('/reminders/unsubscribe', validate('query', tokenQuery), async (c) => {
    await unsubscribeByLink(c.var.services, c.req.valid('query').token, c.var.requestId);
    return c.json({ enabled: false });
  })
  .get('/reminders', privateNoStore, requireSession, async (c) =>
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
