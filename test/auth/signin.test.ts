// Flow 2 (sign in): uniform answer, rate limits, single-use links, expiry, voiding, scanners, resume path.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LOGIN_TOKEN_TTL_MS } from '../../src/auth/tokens.ts';
import { sha256Hex } from '../../src/crypto.ts';
import { MINUTE_MS } from '../../src/time.ts';
import {
  call,
  later,
  outboxFor,
  RATE_LIMIT_WAIT_TIMEOUT_MS,
  requestLoginMail,
  resetSimulators,
  sessionCookieFrom,
  signIn,
  startOfRateLimitWindow,
  testIp,
  tokenFromMail,
  waitForMail,
} from '../support/index.ts';

const verify = (token: string, headers: Record<string, string> = {}) =>
  call('/api/auth/verify', { json: { token }, headers });
const request = (email: string, ip = testIp(), extra: Record<string, unknown> = {}) =>
  call('/api/auth/request', { json: { email, ...extra }, headers: { 'cf-connecting-ip': ip } });
/** Asks for a link for `email` from `ip`; returns the new mail. */
async function mailFor(email: string, ip: string) {
  const seen = (await outboxFor(email)).length;
  expect((await request(email, ip)).status).toBe(202);
  return waitForMail(email, seen);
}

async function tokenRow(token: string) {
  return env.DB.prepare('select * from login_tokens where token_hash = ?')
    .bind(await sha256Hex(token))
    .first<Record<string, number | string | null>>();
}

beforeAll(resetSimulators);

describe('asking for a sign-in link', () => {
  it('answers known and unknown addresses with the same 202 and body, and mails both', async () => {
    await signIn('known@example.com');
    const known = await request('known@example.com');
    const unknown = await request('nobody-yet@example.com');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    await waitForMail('nobody-yet@example.com', 0);
    expect(await outboxFor('known@example.com')).toHaveLength(2);
  });

  it('normalises the address and refuses what is not one', async () => {
    expect((await request('  Mixed.Case+Tag@Example.COM ')).status).toBe(202);
    const mail = await waitForMail('mixed.case+tag@example.com', 0);
    expect(mail.to).toBe('mixed.case+tag@example.com');
    for (const email of ['not-an-email', '', 'a@b', `${'x'.repeat(250)}@example.com`]) {
      const res = await request(email);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_request' } });
    }
  });

  it('stores only the hash of a 256-bit token that lives 15 minutes', async () => {
    const mail = await requestLoginMail('hash@example.com');
    const token = tokenFromMail(mail);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await tokenRow(token);
    expect(row).not.toBeNull();
    expect(Object.values(row!)).not.toContain(token);
    expect(Number(row!.expires_at) - Number(row!.created_at)).toBe(15 * 60_000);
    expect(mail.text).toContain(`https://shop.test/auth/verify#token=${token}`);
    expect(mail.html).toContain(`https://shop.test/auth/verify#token=${token}`);
    expect(mail.subject).toContain('Acme Mobile Proxies');
  });

  it('limits one client IP to 5 requests a minute with a 429 that names no address', {
    timeout: RATE_LIMIT_WAIT_TIMEOUT_MS,
  }, async () => {
    await startOfRateLimitWindow();
    const ip = testIp();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await request(`ip-limit-${i}@example.com`, ip)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const limited = await request('ip-limit-other@example.com', ip);
    expect(limited.status).toBe(429);
    const body = await limited.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).not.toContain('@');
    expect(limited.headers.get('retry-after')).toBe('60');
    // X-Forwarded-For is not the client address: changing it does not escape the limit.
    const spoofed = await call('/api/auth/request', {
      json: { email: 'spoof@example.com' },
      headers: { 'cf-connecting-ip': ip, 'x-forwarded-for': '203.0.113.9' },
    });
    expect(spoofed.status).toBe(429);
  });

  // Links per address are counted per requesting network (test/auth/limits.test.ts): an address-wide count let
  // anyone lock a customer out.
});

describe('using a sign-in link', () => {
  it('creates the customer on first sign-in, reuses it after, and records both sign-ins', async () => {
    const email = 'newcomer@example.com';
    const first = await verify(tokenFromMail(await requestLoginMail(email)));
    expect(first.status).toBe(200);
    const { customer } = await first.json<{ customer: { id: string; email: string } }>();
    expect(customer.email).toBe(email);
    const second = await verify(tokenFromMail(await requestLoginMail(email)));
    expect((await second.json<{ customer: { id: string } }>()).customer.id).toBe(customer.id);
    const rows = await env.DB.prepare('select id, last_sign_in_at from customers where email = ?').bind(email).all();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0]!.last_sign_in_at).toBeTypeOf('number');
    const audit = await env.DB.prepare(
      "select detail from audit_log where customer_id = ? and action = 'auth.sign_in' order by at",
    )
      .bind(customer.id)
      .all<{ detail: string }>();
    expect(audit.results.map((r) => JSON.parse(r.detail).firstSignIn)).toEqual([true, false]);
  });

  it('sets a __Host- session cookie: HttpOnly, Secure, SameSite=Lax, 12 hours, not cacheable', async () => {
    const res = await verify(tokenFromMail(await requestLoginMail('cookie@example.com')));
    const header = res.headers.getSetCookie().find((h) => h.startsWith('__Host-session='))!;
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/Domain=/i);
    expect(Number(/Max-Age=(\d+)/.exec(header)![1])).toBeGreaterThan(12 * 3600 - 5);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('works once, even when two verifies race', async () => {
    const token = tokenFromMail(await requestLoginMail('race@example.com'));
    const results = await Promise.all([verify(token), verify(token), verify(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    const again = await verify(token);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: 'invalid_link' } });
    const sessions = await env.DB.prepare(
      'select count(*) as n from sessions s join customers c on c.id = s.customer_id where c.email = ?',
    )
      .bind('race@example.com')
      .first<{ n: number }>();
    expect(sessions!.n).toBe(1);
  });

  it('refuses an expired link', async () => {
    const token = tokenFromMail(await requestLoginMail('late@example.com'));
    // A minute before its 15 minutes are up the link still shows; once they are, it is refused.
    const shown = await call('/api/auth/link', { json: { token }, env: later(LOGIN_TOKEN_TTL_MS - MINUTE_MS) });
    expect((await shown.json<{ link: unknown }>()).link).not.toBeNull();
    const res = await call('/api/auth/verify', { json: { token }, env: later(LOGIN_TOKEN_TTL_MS) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_link' } });
  });

  it('voids older links when a new one is asked for from the same network', async () => {
    const email = 'twice@example.com';
    const ip = testIp();
    const older = tokenFromMail(await mailFor(email, ip));
    const newer = tokenFromMail(await mailFor(email, ip));
    expect((await tokenRow(older))!.voided_at).toBeTypeOf('number');
    expect((await verify(older)).status).toBe(400);
    expect((await verify(newer)).status).toBe(200);
  });

  it('keeps a link working when someone on another network asks for a new one', async () => {
    const email = 'two-networks@example.com';
    const own = tokenFromMail(await mailFor(email, testIp()));
    await mailFor(email, testIp());
    expect((await tokenRow(own))!.voided_at).toBeNull();
    expect((await verify(own)).status).toBe(200);
  });

  it('is not used up when a mail scanner opens it', async () => {
    const mail = await requestLoginMail('scanned@example.com');
    const token = tokenFromMail(mail);
    const link = /https:\/\/\S+/.exec(mail.text)![0];
    // Scanners GET the link (the fragment never leaves the client) and may try the API with the token in the query.
    const opened = await exports.default.fetch(new Request(link));
    // The page that asks the customer to press Continue: opening it signs nobody in and uses nothing up.
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<title>Confirm sign-in — Acme Mobile Proxies</title>');
    expect(opened.headers.get('set-cookie')).toBeNull();
    const probed = await call(`/api/auth/verify?token=${token}`);
    expect(probed.status).toBe(404);
    expect((await tokenRow(token))!.consumed_at).toBeNull();
    expect((await verify(token)).status).toBe(200);
  });

  it('refuses a malformed or unknown token without a 500', async () => {
    for (const token of ['', 'short', 'x'.repeat(500), "'; drop table login_tokens; --"])
      expect((await verify(token)).status).toBe(400);
    expect((await verify('A'.repeat(43))).status).toBe(400);
    const noBody = await call('/api/auth/verify', { method: 'POST' });
    expect(noBody.status).toBe(400);
  });
});

describe('when the mail queue refuses the message', () => {
  it('answers 503 (not 500), issues nothing and keeps the previous link working', async () => {
    const email = 'queue-down@example.com';
    const ip = testIp();
    const previous = tokenFromMail(await mailFor(email, ip));
    const refusingQueue = {
      ...env,
      MAIL_QUEUE: {
        send: async () => {
          throw new Error('Queue send failed: internal error');
        },
      },
    } as unknown as Env;
    const res = await call('/api/auth/request', {
      json: { email },
      headers: { 'cf-connecting-ip': ip },
      env: refusingQueue,
    });
    expect(res.status).toBe(503);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('mail_unavailable');
    expect(body.error.message).not.toContain('Queue');
    const issued = await env.DB.prepare('select count(*) as n from login_tokens where email = ?')
      .bind(email)
      .first<{ n: number }>();
    expect(issued!.n).toBe(1);
    expect((await verify(previous)).status).toBe(200);
  });
});

describe('the confirm page’s view of a link', () => {
  const peek = (token: string) => call('/api/auth/link', { json: { token } });

  it('says which address a link signs in and where it goes next, without using it', async () => {
    const email = 'confirm-first@example.com';
    const token = tokenFromMail(await requestLoginMail(email, { next: '/checkout/scale' }));
    const res = await peek(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { link } = await res.json<{ link: { email: string; next: string; expiresAt: number } }>();
    expect(link).toMatchObject({ email, next: '/checkout/scale' });
    expect(link.expiresAt).toBe(Number((await tokenRow(token))!.expires_at));
    expect((await tokenRow(token))!.consumed_at).toBeNull();
    expect((await verify(token)).status).toBe(200);
    // Used: there is nothing to show any more.
    expect(await (await peek(token)).json()).toEqual({ link: null });
  });

  it('answers an unknown link with link: null (not a failed request), a malformed one with a 400', async () => {
    expect(await (await peek('A'.repeat(43))).json()).toEqual({ link: null });
    expect((await peek('short')).status).toBe(400);
    const crossSite = await call('/api/auth/link', {
      json: { token: 'A'.repeat(43) },
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('resuming where the customer was going', () => {
  it('carries a same-origin path through the link', async () => {
    const res = await verify(
      tokenFromMail(await requestLoginMail('resume@example.com', { next: '/checkout/pro?country=de' })),
    );
    expect(await res.json()).toMatchObject({ next: '/checkout/pro?country=de' });
  });

  it.each([
    '//evil.example/x',
    'https://evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    '\\\\evil',
    '/ok\nSet-Cookie: x',
    'checkout/pro',
    '/.//evil.example/phish',
    '/..//evil.example',
    '/%2e//evil.example',
    '/a/../..//evil.example',
    '/./\\evil.example',
  ])('drops an unsafe next (%s)', async (next) => {
    const email = `unsafe-${Math.random().toString(36).slice(2)}@example.com`;
    const res = await verify(tokenFromMail(await requestLoginMail(email, { next })));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ next: null });
  });
});

describe('CSRF on auth routes', () => {
  it('refuses cross-site sign-in requests, verifies and sign-outs', async () => {
    const evil = { origin: 'https://evil.example' };
    const req = await call('/api/auth/request', {
      json: { email: 'csrf@example.com' },
      headers: { ...evil, 'cf-connecting-ip': testIp() },
    });
    expect(req.status).toBe(403);
    expect(await req.json()).toMatchObject({ error: { code: 'csrf_refused' } });
    expect(
      await env.DB.prepare('select count(*) as n from login_tokens where email = ?')
        .bind('csrf@example.com')
        .first('n'),
    ).toBe(0);

    const token = tokenFromMail(await requestLoginMail('csrf@example.com'));
    const crossVerify = await verify(token, { 'sec-fetch-site': 'cross-site' });
    expect(crossVerify.status).toBe(403);
    expect(sessionCookieFrom(crossVerify)).toBeNull();
    const cookie = sessionCookieFrom(await verify(token))!;

    for (const path of ['/api/auth/logout', '/api/auth/logout-all']) {
      const res = await call(path, { method: 'POST', cookie, headers: evil });
      expect(res.status).toBe(403);
    }
    expect(await (await call('/api/auth/me', { cookie })).json()).toMatchObject({
      customer: { email: 'csrf@example.com' },
    });
  });
});

describe('logs', () => {
  it('never contain a sign-in token, from request through the queue to verify', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(capture),
    );
    try {
      const mail = await requestLoginMail('quiet@example.com', { next: '/checkout/pro' });
      const token = tokenFromMail(mail);
      await verify(token);
      await verify(token); // a refused second use logs too
      const text = lines.join('\n');
      expect(text).toContain('"msg":"mail sent"'); // the consumer's lines were captured as well
      expect(text).not.toContain(token);
      expect(text).not.toContain(await sha256Hex(token));
      expect(text).not.toContain('#token=');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
