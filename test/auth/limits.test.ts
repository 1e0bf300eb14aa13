// Sign-in limits that protect the customer, not the attacker: links are counted per address AND requesting network
// (IPv6 by /64), so nobody else's requests use up or void a customer's links; a shop-wide hourly cap on sign-in
// mail protects the sender's reputation; the operator's resend is not held by the operator's own network.
import { env } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requesterNetwork } from '../../src/auth/network.ts';
import { CONSOLE_REQUESTER, loginRequesterKey } from '../../src/auth/ratelimit.ts';
import { issueLoginToken, loginMailsSince } from '../../src/auth/tokens.ts';
import { getConfig } from '../../src/config/index.ts';
import { openDb } from '../../src/db/index.ts';
import type { Overview } from '../../src/shared/admin.ts';
import { HOUR_MS, MINUTE_MS } from '../../src/time.ts';
import {
  call,
  customerIdOf,
  OPERATOR,
  outboxFor,
  RATE_LIMIT_WAIT_TIMEOUT_MS,
  resetSimulators,
  signIn,
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
  for (let i = 0; i < count; i++) await issueLoginToken(db, { email, requester, redirectTo: null }, at - i);
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

describe('the shop-wide cap on sign-in mail', () => {
  it('answers 429 with Retry-After once the hour’s mails are sent, and the console overview shows it', async () => {
    const operator = await signIn(OPERATOR);
    await signIn('needs-help@example.com');
    const id = await customerIdOf('needs-help@example.com');
    const { loginMailsPerHour } = getConfig(env).limits;
    const { count } = await loginMailsSince(openDb(env.DB), HOUR_MS, Date.now());
    await seedLinks('someone-else@example.com', requesterNetwork('192.0.2.1'), loginMailsPerHour - count, 10);
    try {
      const paused = await request('too-late@example.com', testIp());
      expect(paused.status).toBe(429);
      const body = await paused.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.message).not.toContain('@');
      const retryAfter = Number(paused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(49 * 60);
      expect(retryAfter).toBeLessThanOrEqual(50 * 60);
      expect(await tokensFor('too-late@example.com')).toBe(0);

      const overview = await (await call('/api/admin/overview', { cookie: operator })).json<Overview>();
      expect(overview.signInMail).toEqual({ lastHour: loginMailsPerHour, perHour: loginMailsPerHour, paused: true });

      // The operator can still send a customer a link (one deliberate, audited mail).
      const seen = (await outboxFor('needs-help@example.com')).length;
      const resend = await call(`/api/admin/customers/${id}/resend-sign-in`, { json: {}, cookie: operator });
      expect(resend.status).toBe(200);
      await waitForMail('needs-help@example.com', seen);
    } finally {
      await env.DB.prepare("delete from login_tokens where email = 'someone-else@example.com'").run();
    }
    expect((await request('on-time@example.com', testIp())).status).toBe(202);
  });
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
