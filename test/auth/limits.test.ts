// Sign-in limits that protect the customer, not the attacker: links are counted per address AND requesting network
// (IPv6 by /64), so nobody else's requests use up or void a customer's links; under pressure a new address must pass
// Turnstile (siteverify simulated), and past the shop-wide hourly ceiling new addresses wait, while customers and
// operators always get their links and every address gets the same answer; the operator's resend is not held by the
// operator's own network.
import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requesterNetwork } from '../../src/auth/network.ts';
import { CONSOLE_REQUESTER, loginRequesterKey } from '../../src/auth/ratelimit.ts';
import { issueLoginToken } from '../../src/auth/tokens.ts';
import { getConfig } from '../../src/config/index.ts';
import { openDb } from '../../src/db/index.ts';
import type { Overview } from '../../src/shared/admin.ts';
import { MINUTE_MS } from '../../src/time.ts';
import {
  call,
  customerIdOf,
  OPERATOR,
  outboxFor,
  RATE_LIMIT_WAIT_TIMEOUT_MS,
  resetSimulators,
  signIn,
  sim,
  startOfRateLimitWindow,
  testIp,
  tokenFromMail,
  waitForMail,
} from '../support/index.ts';

const request = (email: string, ip: string) =>
  call('/api/auth/request', { json: { email }, headers: { 'cf-connecting-ip': ip } });
const verify = (token: string) => call('/api/auth/verify', { json: { token } });
const tokensFor = async (email: string) =>
  (await env.DB.prepare('select count(*) as n from login_tokens where email = ?').bind(email).first<{ n: number }>())!
    .n;

/** `count` links issued to `email` at the request of `network`, `minutesAgo`, as if asked for one by one. */
async function seedLinks(email: string, network: string, count: number, minutesAgo = 60): Promise<void> {
  const requester = await loginRequesterKey(getConfig(env).auth.secret, network);
  const at = Date.now() - minutesAgo * MINUTE_MS;
  const db = openDb(env.DB);
  for (let i = 0; i < count; i++)
    await issueLoginToken(db, { email, requester, redirectTo: null, locale: null }, at - i);
}

beforeAll(resetSimulators);
beforeEach(startOfRateLimitWindow, RATE_LIMIT_WAIT_TIMEOUT_MS);

describe('somebody else asking for a customer’s links', () => {
  it('cannot use up the customer’s links from two networks, nor void the link the customer got', async () => {
    const victim = 'victim@example.com';
    for (const ip of ['203.0.113.10', '203.0.113.11'])
      for (let i = 0; i < 5; i++) expect((await request(victim, ip)).status).toBe(202);
    await waitForMail(victim, 9);

    expect((await request(victim, '198.51.100.77')).status).toBe(202);
    const own = await waitForMail(victim, 10);
    // The attacker carries on from a third network: the customer's link still works.
    for (let i = 0; i < 5; i++) expect((await request(victim, '203.0.113.12')).status).toBe(202);
    await waitForMail(victim, 15);
    expect((await verify(tokenFromMail(own))).status).toBe(200);
  });

  it('still gives one network at most 10 links a day for one address, without saying so', async () => {
    const email = 'daily-network@example.com';
    const ip = testIp();
    await seedLinks(email, requesterNetwork(ip), 9);
    const sent = await request(email, ip);
    const held = await request(email, ip);
    expect(held.status).toBe(sent.status);
    expect(await held.text()).toBe(await sent.text());
    expect(await tokensFor(email)).toBe(10);
    // The last link sent still works; another network still gets one.
    expect((await verify(tokenFromMail(await waitForMail(email, 0)))).status).toBe(200);
    expect((await request(email, testIp())).status).toBe(202);
    expect(await tokensFor(email)).toBe(11);
  });

  it('counts IPv6 clients by their /64, for the per-network limit and the daily links', async () => {
    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push((await request(`v6-${i}@example.com`, `2001:db8:aa:bb::${i}`)).status);
    statuses.push((await request('v6-6@example.com', '2001:db8:aa:bb:ffff:1:2:3')).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect((await request('v6-7@example.com', '2001:db8:aa:bc::1')).status).toBe(202);

    const email = 'v6-daily@example.com';
    await seedLinks(email, requesterNetwork('2001:db8:cc:dd::1'), 10);
    expect((await request(email, '2001:db8:cc:dd:1234::9')).status).toBe(202);
    expect(await tokensFor(email)).toBe(10);
    expect((await request(email, '2001:db8:cc:de::1')).status).toBe(202);
    expect(await tokensFor(email)).toBe(11);
  });
});

/** Links sent in the last hour by the whole shop. */
const lastHour = async () =>
  (await env.DB.prepare('select count(*) as n from login_tokens where created_at > ?')
    .bind(Date.now() - 3_600_000)
    .first<{ n: number }>())!.n;

/** Brings the shop's last hour of sign-in mail up to `total` (mails to somebody else, ten minutes ago). */
async function pressure(total: number): Promise<void> {
  const missing = total - (await lastHour());
  if (missing > 0) await seedLinks('someone-else@example.com', requesterNetwork('192.0.2.1'), missing, 10);
}
const calm = () => env.DB.prepare("delete from login_tokens where email = 'someone-else@example.com'").run();

const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';
const withToken = (email: string, ip: string, challengeToken: string) =>
  call('/api/auth/request', { json: { email, challengeToken }, headers: { 'cf-connecting-ip': ip } });
const turnstileChecks = () =>
  sim<{ secret: string; response: string; remoteip: string | null; success: boolean }[]>('/_sim/turnstile/checks');

describe('sign-in under pressure', () => {
  const { loginChallengeAfter, loginMailsPerHour } = getConfig(env).limits;

  it('asks a new address to pass the challenge, and sends its link once the widget’s token passes siteverify', async () => {
    await pressure(loginChallengeAfter);
    try {
      const ip = testIp();
      const asked = await request('newcomer@example.com', ip);
      expect(asked.status).toBe(202);
      expect(await asked.json()).toEqual({
        status: 'challenge',
        message: expect.stringContaining('Confirm you are a person'),
        siteKey: '1x00000000000000000000AA',
      });
      expect(await tokensFor('newcomer@example.com')).toBe(0);

      // A made-up token does not pass: siteverify is asked, and says no.
      expect(await (await withToken('newcomer@example.com', ip, 'forged.token')).json()).toMatchObject({
        status: 'challenge',
      });
      expect(await tokensFor('newcomer@example.com')).toBe(0);

      const passed = await withToken('newcomer@example.com', ip, DUMMY_TOKEN);
      expect(await passed.json()).toMatchObject({ status: 'sent' });
      await waitForMail('newcomer@example.com', 0);
      // What the shop sent siteverify: its secret, the token and the visitor's address.
      expect((await turnstileChecks()).slice(-2)).toEqual([
        expect.objectContaining({ response: 'forged.token', success: false }),
        expect.objectContaining({
          secret: '1x0000000000000000000000000000000AA',
          response: DUMMY_TOKEN,
          remoteip: ip,
          success: true,
        }),
      ]);
    } finally {
      await calm();
    }
  });

  it('answers customers and operators exactly like a new address, and sends them their link without a challenge', async () => {
    await signIn('regular@example.com');
    await pressure(loginChallengeAfter);
    try {
      const stranger = await (await request('stranger-under-pressure@example.com', testIp())).text();
      for (const known of ['regular@example.com', OPERATOR]) {
        const seen = (await outboxFor(known)).length;
        const res = await request(known, testIp());
        expect(res.status).toBe(202);
        expect(await res.text()).toBe(stranger);
        await waitForMail(known, seen);
      }
      expect(await tokensFor('stranger-under-pressure@example.com')).toBe(0);
    } finally {
      await calm();
    }
  });

  it('asks in the language of the page the visitor is on', async () => {
    await pressure(loginChallengeAfter);
    try {
      const res = await call('/api/auth/request', {
        json: { email: 'neu-hier@example.de', locale: 'de' },
        headers: { 'cf-connecting-ip': testIp() },
      });
      expect(await res.json()).toMatchObject({
        status: 'challenge',
        message: expect.stringContaining('Bestätige, dass du ein Mensch bist'),
      });
    } finally {
      await calm();
    }
  });

  it('counts siteverify that cannot answer as a challenge not passed', async () => {
    await pressure(loginChallengeAfter);
    try {
      await sim('/_sim/turnstile/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count: 2 }),
      });
      const res = await withToken('siteverify-down@example.com', testIp(), DUMMY_TOKEN);
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ status: 'challenge' });
      expect(await tokensFor('siteverify-down@example.com')).toBe(0);
    } finally {
      await calm();
    }
  });

  it('past the hourly ceiling holds new addresses only, says nothing of it, and shows it on the console', async () => {
    const operator = await signIn(OPERATOR);
    await signIn('needs-help@example.com');
    const id = await customerIdOf('needs-help@example.com');
    await pressure(loginMailsPerHour);
    try {
      // A new address, even with the challenge passed, gets the usual answer and no link.
      const held = await withToken('too-late@example.com', testIp(), DUMMY_TOKEN);
      expect(held.status).toBe(202);
      expect(await held.json()).toMatchObject({ status: 'sent' });
      expect(await tokensFor('too-late@example.com')).toBe(0);

      // A customer still gets their link, and so does the operator.
      for (const known of ['needs-help@example.com', OPERATOR]) {
        const seen = (await outboxFor(known)).length;
        expect((await withToken(known, testIp(), DUMMY_TOKEN)).status).toBe(202);
        await waitForMail(known, seen);
      }

      const overview = await (await call('/api/admin/overview', { cookie: operator })).json<Overview>();
      expect(overview.signInMail).toEqual({
        lastHour: loginMailsPerHour + 2,
        perHour: loginMailsPerHour,
        challengeAfter: loginChallengeAfter,
        challenging: true,
        newPaused: true,
      });

      // The operator can still send a customer a link (one deliberate, audited mail).
      const seen = (await outboxFor('needs-help@example.com')).length;
      const resend = await call(`/api/admin/customers/${id}/resend-sign-in`, { json: {}, cookie: operator });
      expect(resend.status).toBe(200);
      await waitForMail('needs-help@example.com', seen);
    } finally {
      await calm();
    }
    expect(await (await request('on-time@example.com', testIp())).json()).toMatchObject({ status: 'sent' });
  });
});

describe('a flood of sign-in requests for new addresses', () => {
  it('from 210 IPv6 /64s cannot switch sign-in off: an operator and a customer who signed in before still get links', async () => {
    await signIn('before-the-flood@example.com');
    const before = await lastHour();
    const answers: string[] = [];
    // 210 fresh addresses, each from its own /64 of one /56 (256 of them), ten at a time.
    for (let batch = 0; batch < 21; batch++) {
      const sent = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const n = batch * 10 + i;
          return request(`flood-${n}@example.com`, `2001:db8:f1:${n.toString(16)}::${n + 1}`);
        }),
      );
      for (const res of sent) answers.push(`${res.status} ${(await res.json<{ status: string }>()).status}`);
    }
    const { loginChallengeAfter } = getConfig(env).limits;
    // The first ones got links until the challenge started (requests in flight together may each still see the count
    // below it); every later one was asked to pass it: 202, no link.
    const sent = answers.filter((a) => a === '202 sent').length;
    expect(sent).toBeGreaterThanOrEqual(loginChallengeAfter - before);
    expect(sent).toBeLessThan(loginChallengeAfter - before + 10);
    expect(answers.filter((a) => a === '202 challenge')).toHaveLength(210 - sent);
    expect(await lastHour()).toBe(before + sent);

    for (const known of [OPERATOR, 'before-the-flood@example.com']) {
      const seen = (await outboxFor(known)).length;
      expect((await request(known, testIp())).status).toBe(202);
      const mail = await waitForMail(known, seen);
      expect((await verify(tokenFromMail(mail))).status).toBe(200);
    }
    // The next tests start calm again.
    await env.DB.prepare("delete from login_tokens where email like 'flood-%'").run();
  }, 120_000);
});

describe('the operator’s resend', () => {
  it('is not held by the operator’s own network, only by the customer’s daily links from the console', async () => {
    const operator = await signIn(OPERATOR);
    const email = 'resend-limits@example.com';
    await signIn(email);
    const id = await customerIdOf(email);
    const officeIp = testIp();
    for (let i = 0; i < 5; i++) await request(`office-${i}@example.com`, officeIp);
    expect((await request('office-6@example.com', officeIp)).status).toBe(429);

    const resend = () =>
      call(`/api/admin/customers/${id}/resend-sign-in`, {
        json: {},
        cookie: operator,
        headers: { 'cf-connecting-ip': officeIp },
      });
    const seen = (await outboxFor(email)).length;
    expect((await resend()).status).toBe(200);
    const mail = await waitForMail(email, seen);

    await seedLinks(email, CONSOLE_REQUESTER, 10, 5);
    const refused = await resend();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_sent' } });
    // The customer's own network is untouched by the console's resends.
    expect((await request(email, testIp())).status).toBe(202);
    expect((await verify(tokenFromMail(mail))).status).toBe(200);
  });
});

describe('the requesting network', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::ffff:198.51.100.4', '198.51.100.4'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [null, 'unknown'],
  ])('of %s is %s', (ip, network) => {
    expect(requesterNetwork(ip)).toBe(network);
  });
});
