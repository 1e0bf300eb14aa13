// Reminder mail: the customer's on/off switch (signed in), and the signed one-click unsubscribe link of each mail
// (no session: the link's MAC is the authority). GET is the link clicked in the mail: it only asks, because mail
// scanners open links; POST turns reminders off, from that page's button or as RFC 8058's one-click from the mail
// client's "Unsubscribe" button (both send `List-Unsubscribe=One-Click`).
import { type Context, Hono } from 'hono';
import type { Customer } from '../../schema.ts';
import { contentSecurityPolicy, escapeHtml } from '../html/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { privateNoStore } from '../http/middleware.ts';
import { requireSession } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { linkOwner, reminderSettings, setReminders, unsubscribeByLink } from '../reminders/index.ts';
import { languageTag, offeredOr } from '../shared/i18n/locales.ts';
import { inLocale, t } from '../shared/i18n/translate.ts';
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

/** A small page of the shop's own in the customer's language; its form may post back to the shop and nowhere else. */
function page(c: Context<AppEnv>, customer: Pick<Customer, 'locale'>, write: () => { title: string; body: string }) {
  const { brand, locales, defaultLocale } = c.var.services.config;
  const locale = offeredOr(customer.locale, locales, defaultLocale);
  const { title, body } = inLocale(locale, write);
  c.header('Content-Security-Policy', PAGE_POLICY);
  return c.html(
    `<!doctype html><html lang="${languageTag(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} — ${escapeHtml(brand.name)}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5">${body}</body></html>`,
  );
}

function confirmPage(c: Context<AppEnv>, customer: Customer, token: string) {
  const words = { email: customer.email, brand: c.var.services.config.brand.name };
  const action = `/api/reminders/unsubscribe?token=${encodeURIComponent(token)}`;
  return page(c, customer, () => ({
    title: t('unsubscribe.askTitle'),
    body:
      `<h1>${escapeHtml(t('unsubscribe.askTitle'))}</h1><p>${escapeHtml(t('unsubscribe.askText', words))}</p>` +
      `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(t('unsubscribe.button'))}</button></form>`,
  }));
}

function unsubscribedPage(c: Context<AppEnv>, customer: Customer) {
  const { brand, publicUrl } = c.var.services.config;
  const link = () => `<a href="${escapeHtml(publicUrl)}/dashboard">${escapeHtml(t('unsubscribe.dashboard'))}</a>`;
  return page(c, customer, () => ({
    title: t('unsubscribe.doneTitle'),
    body:
      `<h1>${escapeHtml(t('unsubscribe.doneHeading'))}</h1><p>${escapeHtml(t('unsubscribe.doneText', { email: customer.email, brand: brand.name }))}</p>` +
      // The sentence escaped, then the link (HTML) where its placeholder was.
      `<p>${escapeHtml(t('unsubscribe.again', { dashboard: '{dashboard}' })).replace('{dashboard}', link())}</p>`,
  }));
}

export const reminders = new Hono<AppEnv>()
  // The link is the credential: checked on the primary.
  .get('/reminders/unsubscribe', readsFrom('primary'), validate('query', tokenQuery), async (c) => {
    const { token } = c.req.valid('query');
    return confirmPage(c, await linkOwner(c.var.services, token), token);
  })
  .post('/reminders/unsubscribe', readsFrom('primary'), validate('query', tokenQuery), async (c) => {
    const customer = await unsubscribeByLink(c.var.services, c.req.valid('query').token, c.var.requestId);
    // A person pressing the page's button gets a page; a mail client's one-click gets JSON.
    if (c.req.header('accept')?.includes('text/html')) return unsubscribedPage(c, customer);
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
