// Reminder mail: the customer's on/off switch (signed in), and the signed one-click unsubscribe link of each mail
// (no session: the link's MAC is the authority). GET is the link clicked in the mail: it only asks, because mail
// scanners open links; POST turns reminders off, from that page's button or as RFC 8058's one-click from the mail
// client's "Unsubscribe" button (both send `List-Unsubscribe=One-Click`).
import { type Context, Hono } from 'hono';
import { contentSecurityPolicy, escapeHtml } from '../html/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { privateNoStore } from '../http/middleware.ts';
import { requireSession } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { linkOwner, reminderSettings, setReminders, unsubscribeByLink } from '../reminders/index.ts';
import * as z from '../zod.ts';

const tokenQuery = z.object({ token: z.string().check(z.minLength(1), z.maxLength(200)) });
const settingsBody = z.object({ enabled: z.boolean() });

const PAGE_POLICY = contentSecurityPolicy({
  'default-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'style-src': ["'unsafe-inline'"],
});

/** A small page of the shop's own; its form may post back to the shop and nowhere else. */
function page(c: Context<AppEnv>, title: string, body: string) {
  const { brand } = c.var.services.config;
  c.header('Content-Security-Policy', PAGE_POLICY);
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} — ${escapeHtml(brand.name)}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">${body}</body></html>`,
  );
}

function confirmPage(c: Context<AppEnv>, email: string, token: string) {
  const { brand } = c.var.services.config;
  const action = `/api/reminders/unsubscribe?token=${encodeURIComponent(token)}`;
  return page(
    c,
    'Turn reminders off?',
    `<h1>Turn reminders off?</h1><p>${escapeHtml(email)} gets usage and expiry reminders from ${escapeHtml(brand.name)}. Receipts and sign-in links are sent either way.</p>` +
      `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Turn reminders off</button></form>`,
  );
}

function unsubscribedPage(c: Context<AppEnv>, email: string) {
  const { brand, publicUrl } = c.var.services.config;
  return page(
    c,
    'Reminders off',
    `<h1>Reminders are off</h1><p>${escapeHtml(email)} will no longer get usage and expiry reminders from ${escapeHtml(brand.name)}. Receipts and sign-in links are still sent.</p>` +
      `<p>Changed your mind? Turn them back on in <a href="${escapeHtml(publicUrl)}/dashboard">your dashboard</a>.</p>`,
  );
}

export const reminders = new Hono<AppEnv>()
  // The link is the credential: checked on the primary.
  .get('/reminders/unsubscribe', readsFrom('primary'), validate('query', tokenQuery), async (c) => {
    const { token } = c.req.valid('query');
    const { email } = await linkOwner(c.var.services, token);
    return confirmPage(c, email, token);
  })
  .post('/reminders/unsubscribe', readsFrom('primary'), validate('query', tokenQuery), async (c) => {
    const { email } = await unsubscribeByLink(c.var.services, c.req.valid('query').token, c.var.requestId);
    // A person pressing the page's button gets a page; a mail client's one-click gets JSON.
    if (c.req.header('accept')?.includes('text/html')) return unsubscribedPage(c, email);
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
