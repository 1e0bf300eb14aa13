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
  it('sends the 80 % reminder exactly once under two concurrent cron runs, and again none on the next run', async () => {
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
    const mail = await waitForMailAbout(email, /80 %/);
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
    const link = reminder?.kind === 'reminder' ? reminder.unsubscribeUrl : '';
    const path = new URL(link).pathname + new URL(link).search;

    // A forged or altered token does nothing.
    const forged = path.replace(/token=[^.]+/, 'token=someone-else');
    expect((await call(forged)).status).toBe(400);
    expect((await call(path.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).status).toBe(400);

    // Opening the link (as a mail scanner does) only asks; nothing changes until the button is pressed.
    const ask = await call(path);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('Turn reminders off?');
    expect(await (await call('/api/reminders', { cookie })).json()).toEqual({ enabled: true });

    // RFC 8058: the mail client POSTs the form body, with no cookie and no Origin.
    const oneClick = await call(path, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect(await (await call('/api/reminders', { cookie })).json()).toEqual({ enabled: false });

    await setUsage(upstreamId, 10 * 1024);
    expect(reminders(await mailQueuedByCron(), email)).toEqual([]);
    await buyTier(cookie, id, 'starter');
    await waitForMailAbout(email, /purchase: Starter/);

    // The page's button posts the same one-click form and shows a page; the dashboard turns them back on.
    const page = await call(path, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: 'https://shop.test',
      },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Reminders are off');
    const on = await call('/api/reminders', { method: 'PUT', json: { enabled: true }, cookie });
    expect(await on.json()).toEqual({ enabled: true });
    expect(await count("select * from audit_log where customer_id = ? and action like 'reminders.%'", id)).toBe(2);
  });

  it('the settings need a session and a boolean', async () => {
    expect((await call('/api/reminders')).status).toBe(401);
    const cookie = await signIn('remind-settings@example.com');
    const bad = await call('/api/reminders', { method: 'PUT', json: { enabled: 'no' }, cookie });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { code: string } }>()).error.code).toBe('invalid_request');
  });
});
