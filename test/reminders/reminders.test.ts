// Usage and expiry reminders from the cron: exactly once per key generation and threshold under concurrent runs,
// none for an unsubscribed customer (who still gets receipts), and no upstream call for a key with nothing to remind.
import { beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../src/mail/index.ts';
import {
  buyTier,
  call,
  count,
  customerIdOf,
  keysOf,
  mailQueuedByCron,
  resetSimulators,
  setUsage,
  signIn,
  sim,
  waitForMailAbout,
} from '../support/index.ts';

const DAY = 86_400_000;

/** The reminders queued for `to` (other tests' customers share this file's D1). */
const reminders = (queued: MailMessage[], to?: string) =>
  queued.filter((m) => m.kind === 'reminder' && (!to || m.to === to));

async function customerWithPro(email: string) {
  const cookie = await signIn(email);
  const id = await customerIdOf(email);
  await buyTier(cookie, id, 'pro');
  const [key] = await keysOf(id);
  return { cookie, id, upstreamId: key!.upstream_id!, keyId: key!.id };
}

beforeEach(async () => {
  await resetSimulators();
});

describe('usage reminders', () => {
  it('sends the 80% reminder exactly once under two concurrent cron runs, and again none on the next run', async () => {
    const email = 'remind-80@example.com';
    const { upstreamId, keyId } = await customerWithPro(email);
    await setUsage(upstreamId, 0.85 * 10 * 1024);

    const [first, second] = await Promise.all([mailQueuedByCron(), mailQueuedByCron()]);
    const queued = [...reminders(first, email), ...reminders(second, email)];
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      reminder: 'usage',
      threshold: 80,
      capGb: 10,
      buyUrl: 'https://shop.test/checkout/pro',
    });
    expect(
      await count("select * from reminders where key_id = ? and kind = 'usage:80' and sent_at is not null", keyId),
    ).toBe(1);

    // The purchase's receipt may still be on its way: wait for the reminder itself.
    const mail = await waitForMailAbout(email, /80%/);
    expect(mail.text).toContain('used 8.50 GB of its 10 GB; 1.50 GB are left');
    expect(mail.text).toContain('https://shop.test/checkout/pro');
    const unsubscribe = /^<(https:\/\/shop\.test\/api\/reminders\/unsubscribe\?token=[^>]+)>$/.exec(
      mail.headers['List-Unsubscribe'] ?? '',
    );
    expect(unsubscribe).not.toBeNull();
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    expect(reminders(await mailQueuedByCron(), email)).toEqual([]);
    // Crossing the next threshold sends that one (and only that one).
    await setUsage(upstreamId, 0.96 * 10 * 1024);
    const later = reminders(await mailQueuedByCron(), email);
    expect(later.map((m) => m.kind === 'reminder' && m.threshold)).toEqual([95]);
  });

  it('a reminder that could not be queued is sent by the next run', async () => {
    const email = 'remind-retry@example.com';
    const { upstreamId, keyId } = await customerWithPro(email);
    await setUsage(upstreamId, 0.81 * 10 * 1024);
    expect(reminders(await mailQueuedByCron(Date.now(), { queueDown: true }), email)).toEqual([]);
    expect(await count('select * from reminders where key_id = ? and sent_at is null', keyId)).toBe(1);
    expect(reminders(await mailQueuedByCron(), email)).toEqual([expect.objectContaining({ threshold: 80 })]);
    expect(await count('select * from reminders where key_id = ? and sent_at is not null', keyId)).toBe(1);
  });

  it('reminds when the cap is reached, and before and after expiry while GB are left', async () => {
    const email = 'remind-time@example.com';
    const { upstreamId } = await customerWithPro(email);
    // Pro is valid 30 days: 24 days on, it expires in 6.
    const sixDaysLeft = reminders(await mailQueuedByCron(Date.now() + 24 * DAY), email);
    expect(sixDaysLeft).toEqual([expect.objectContaining({ reminder: 'expiry', threshold: 7 })]);
    const expired = reminders(await mailQueuedByCron(Date.now() + 31 * DAY), email);
    expect(expired).toEqual([expect.objectContaining({ reminder: 'expired_unused' })]);

    await setUsage(upstreamId, 10 * 1024);
    expect(reminders(await mailQueuedByCron(), email)).toEqual([
      expect.objectContaining({ reminder: 'cap', capGb: 10 }),
    ]);
  });

  it('a key with nothing to remind costs no upstream call: the cron reads every key in one list call', async () => {
    const email = 'remind-quiet@example.com';
    const { upstreamId } = await customerWithPro(email);
    const since = new Date().toISOString();
    expect(reminders(await mailQueuedByCron(), email)).toEqual([]);
    const calls = (await sim<{ method: string; path: string; at: string }[]>('/_sim/calls'))
      .filter((c) => c.at >= since && c.path.startsWith('/v1/reseller/'))
      .map((c) => `${c.method} ${c.path.split('?')[0]}`);
    // (Earlier tests' keys vanished with the simulator's reset: the reconcile mints those again.)
    expect(calls.filter((c) => c === 'GET /v1/reseller/pool-keys')).toHaveLength(1);
    expect(calls.filter((c) => c.includes(upstreamId))).toEqual([]);
  });
});

describe('unsubscribing', () => {
  it('the signed one-click link turns reminders off without a session; receipts still arrive', async () => {
    const email = 'remind-off@example.com';
    const { cookie, id, upstreamId } = await customerWithPro(email);
    await setUsage(upstreamId, 0.9 * 10 * 1024);
    const [reminder] = reminders(await mailQueuedByCron(), email);
    if (reminder?.kind !== 'reminder') throw new Error('no reminder');
    const local = (url: string) => new URL(url).pathname + new URL(url).search;
    const oneClick = local(reminder.unsubscribeUrl);
    const page = local(reminder.unsubscribePageUrl ?? '');
    expect(page).toMatch(/^\/reminders\/unsubscribe\?token=/);
    expect(oneClick).toBe(page.replace('/reminders/', '/api/reminders/'));

    // A forged or altered token does nothing: the page says the link does not work.
    for (const bad of [
      page.replace(/token=[^.]+/, 'token=someone-else'),
      page.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
    ]) {
      const refused = await call(bad);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('This link does not work');
    }

    // Opening the link (as a mail scanner does) only asks; nothing changes until the button is pressed.
    const ask = await call(page);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('Turn reminders off?');
    expect(await (await call('/api/reminders', { cookie })).json()).toEqual({ enabled: true });
    // An old mail's link (the API's address) leads to the same page.
    const old = await call(oneClick);
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toBe(page);

    // RFC 8058: the mail client POSTs the form body, with no cookie and no Origin.
    const form = { method: 'POST', body: 'List-Unsubscribe=One-Click' } as const;
    const formType = { 'content-type': 'application/x-www-form-urlencoded' };
    const done = await call(oneClick, { ...form, headers: formType });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ enabled: false });
    expect(await (await call('/api/reminders', { cookie })).json()).toEqual({ enabled: false });
    expect(await (await call(page)).text()).toContain('Reminders are off');

    await setUsage(upstreamId, 10 * 1024);
    expect(reminders(await mailQueuedByCron(), email)).toEqual([]);
    await buyTier(cookie, id, 'starter');
    await waitForMailAbout(email, /purchase: Starter/);

    // The dashboard turns them back on; the page's button (a browser's form, with the page's origin) turns them off
    // and goes back to the page. The CSRF guard still refuses a form whose origin the browser hid ("null").
    const on = await call('/api/reminders', { method: 'PUT', json: { enabled: true }, cookie });
    expect(await on.json()).toEqual({ enabled: true });
    const browser = { ...formType, accept: 'text/html', 'sec-fetch-site': 'same-origin' };
    const hidden = await call(oneClick, { ...form, headers: { ...browser, origin: 'null' } });
    expect(hidden.status).toBe(403);
    const pressed = await call(oneClick, { ...form, headers: { ...browser, origin: 'https://shop.test' } });
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get('location')).toBe(page);
    expect(await (await call('/api/reminders', { cookie })).json()).toEqual({ enabled: false });
    expect(await count("select * from audit_log where customer_id = ? and action like 'reminders.%'", id)).toBe(3);
  });

  it('the link’s page is the shop’s own: brand, header and footer, its one style allowed by hash, no referrer', async () => {
    const email = 'remind-page@example.com';
    const { upstreamId } = await customerWithPro(email);
    await setUsage(upstreamId, 0.9 * 10 * 1024);
    const [reminder] = reminders(await mailQueuedByCron(), email);
    if (reminder?.kind !== 'reminder' || !reminder.unsubscribePageUrl) throw new Error('no reminder');
    const res = await call(new URL(reminder.unsubscribePageUrl).pathname + new URL(reminder.unsubscribePageUrl).search);
    const html = await res.text();
    expect(html).toContain('<title>Email reminders — Acme Mobile Proxies</title>');
    expect(html).toMatch(/<a class="brand" href="\/"[^>]*>.*<span>Acme Mobile Proxies<\/span><\/a>/);
    expect(html).toContain('<footer class="site-footer">');
    expect(html).toContain('<button type="submit">Turn reminders off</button>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style)));
    expect(csp).toContain(`style-src 'self' 'sha256-${btoa(String.fromCharCode(...digest))}'`);
    expect(csp).toContain("form-action 'self'");
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(html).not.toContain('rel="canonical"');
  });

  it('the settings need a session and a boolean', async () => {
    expect((await call('/api/reminders')).status).toBe(401);
    const cookie = await signIn('remind-settings@example.com');
    const bad = await call('/api/reminders', { method: 'PUT', json: { enabled: 'no' }, cookie });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { code: string } }>()).error.code).toBe('invalid_request');
  });
});
