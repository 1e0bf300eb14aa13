// Flow 3 (session): the cookie's JWT is checked strictly, the server-side row can revoke it at once,
// it renews past half its life, and the guards for recent sign-in and admins hold.
import { createExecutionContext, env } from 'cloudflare:test';
import { Hono } from 'hono';
import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/http/context.ts';
import { onError } from '../../src/http/errors.ts';
import { requestContext } from '../../src/http/middleware.ts';
import { requireAdmin, requireRecentSignIn, requireSession } from '../../src/http/session.ts';
import worker from '../../src/index.ts';
import { MINUTE_MS } from '../../src/time.ts';
import { call, later, ORIGIN, resetSimulators, signIn } from '../support/index.ts';

const ISSUER = 'https://shop.test';
const AUDIENCE = 'https://shop.test/api#session';
const HOUR = 3600;

/** The claims inside a session cookie (the JWT payload is readable; only its signature is secret). */
function claimsOf(cookie: string): { sid: string; sub: string; iat: number; exp: number } {
  return JSON.parse(atob(cookie.split('=')[1]!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
}

interface Craft {
  secret?: string;
  alg?: string;
  iss?: string;
  aud?: string;
  iatOffset?: number;
  expOffset?: number;
  claims?: Record<string, unknown>;
}

/** A JWT made the way an attacker (or a bug) would, with one thing changed at a time. */
function craft(sid: string, sub: string, o: Craft = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid, ...o.claims })
    .setProtectedHeader({ alg: o.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(o.iss ?? ISSUER)
    .setAudience(o.aud ?? AUDIENCE)
    .setIssuedAt(now + (o.iatOffset ?? 0))
    .setExpirationTime(now + (o.expOffset ?? 12 * HOUR))
    .sign(new TextEncoder().encode(o.secret ?? env.AUTH_SECRET));
}

const me = (cookie?: string) => call('/api/auth/me', cookie ? { cookie } : {});
/** Who /api/auth/me says is signed in with this cookie: null when the session is refused (or there is none). */
const customerOf = async (cookie?: string) => (await (await me(cookie)).json<{ customer: unknown }>()).customer;
const cookieOf = (jwt: string) => `__Host-session=${jwt}`;

beforeAll(resetSimulators);

describe('GET /api/auth/me', () => {
  it('says who is signed in, privately', async () => {
    const cookie = await signIn('me@example.com');
    const res = await me(cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = await res.json<{ customer: { id: string; email: string; isAdmin: boolean } }>();
    expect(body.customer).toEqual({ id: claimsOf(cookie).sub, email: 'me@example.com', isAdmin: false });
  });

  it('answers a signed-out visitor with customer: null, not a failed request', async () => {
    const res = await me();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toEqual({ customer: null });
    // Routes that need a session still refuse one.
    const guarded = await call('/api/purchases');
    expect(guarded.status).toBe(401);
    expect(await guarded.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('marks operators listed in ADMIN_EMAILS', async () => {
    const res = await me(await signIn('admin@example.com'));
    expect(await res.json()).toMatchObject({ customer: { isAdmin: true } });
  });
});

describe('session JWTs that must be refused', () => {
  let sid: string;
  let sub: string;
  beforeAll(async () => {
    ({ sid, sub } = claimsOf(await signIn('target@example.com')));
  });

  it('accepts a correctly made one (the control)', async () => {
    expect(await customerOf(cookieOf(await craft(sid, sub)))).not.toBeNull();
  });

  it.each<[string, Craft]>([
    ['signed with another secret', { secret: 'an-attacker-guessed-this-secret-0123456789' }],
    ['HS512 instead of HS256', { alg: 'HS512' }],
    ['another audience', { aud: 'https://shop.test/api#other' }],
    ['another issuer', { iss: 'https://evil.example' }],
    ['expired', { iatOffset: -13 * HOUR, expOffset: -HOUR }],
    ['issued in the future', { iatOffset: HOUR, expOffset: 13 * HOUR }],
  ])('refuses one %s', async (_, options) => {
    const res = await me(cookieOf(await craft(sid, sub, options)));
    expect(await res.json()).toEqual({ customer: null });
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-session=;.*Max-Age=0/);
  });

  it('refuses an unsigned (alg "none") token', async () => {
    const jwt = new UnsecuredJWT({ sid })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    expect(await customerOf(cookieOf(jwt))).toBeNull();
  });

  it('refuses a tampered payload or signature', async () => {
    const [header, payload, signature] = (await craft(sid, sub)).split('.') as [string, string, string];
    const otherPayload = btoa(JSON.stringify({ ...claimsOf(`x=.${payload}`), sub: 'someone-else' }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expect(await customerOf(cookieOf(`${header}.${otherPayload}.${signature}`))).toBeNull();
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    expect(await customerOf(cookieOf(`${header}.${payload}.${flipped}`))).toBeNull();
    expect(await customerOf('__Host-session=not.a.jwt')).toBeNull();
  });

  it('refuses a valid signature naming a session that does not exist or belongs to someone else', async () => {
    expect(await customerOf(cookieOf(await craft(crypto.randomUUID(), sub)))).toBeNull();
    const other = claimsOf(await signIn('other@example.com'));
    expect(await customerOf(cookieOf(await craft(sid, other.sub)))).toBeNull();
  });
});

describe('AUTH_SECRET rotation', () => {
  it('accepts cookies signed with the previous secret while it is configured, and signs new ones with the current', async () => {
    const { sid, sub } = claimsOf(await signIn('rotate@example.com'));
    const oldSecret = env.AUTH_SECRET;
    const rotated = {
      ...env,
      AUTH_SECRET: 'the-new-auth-secret-after-rotation-0123456789',
      AUTH_SECRET_PREVIOUS: oldSecret,
    };
    const customerWith = async (e: object, jwt: string) => {
      const res = await worker.fetch(
        new Request(`${ORIGIN}/api/auth/me`, { headers: { cookie: cookieOf(jwt) } }),
        e as Env,
        createExecutionContext(),
      );
      return (await res.json<{ customer: unknown }>()).customer;
    };
    const signedWithOld = await craft(sid, sub, { secret: oldSecret });
    expect(await customerWith(rotated, signedWithOld)).not.toBeNull();
    expect(await customerWith(rotated, await craft(sid, sub, { secret: rotated.AUTH_SECRET }))).not.toBeNull();
    // Once the grace period ends (previous secret removed), old cookies stop working.
    expect(await customerWith({ ...rotated, AUTH_SECRET_PREVIOUS: '' }, signedWithOld)).toBeNull();
  });
});

describe('renewal', () => {
  it('renews a cookie past half its 12 h life and slides the session row', async () => {
    const { sid, sub } = claimsOf(await signIn('renew@example.com'));
    const before = await env.DB.prepare('select expires_at from sessions where id = ?')
      .bind(sid)
      .first<number>('expires_at');
    const old = await craft(sid, sub, { iatOffset: -7 * HOUR, expOffset: 5 * HOUR });
    const res = await me(cookieOf(old));
    expect(res.status).toBe(200);
    const renewed = res.headers.getSetCookie().find((h) => h.startsWith('__Host-session='));
    expect(renewed).toBeDefined();
    const claims = claimsOf(renewed!.split(';')[0]!);
    expect(claims.sid).toBe(sid);
    expect(claims.exp - claims.iat).toBeGreaterThan(12 * HOUR - 5);
    const after = await env.DB.prepare('select expires_at from sessions where id = ?')
      .bind(sid)
      .first<number>('expires_at');
    expect(after!).toBeGreaterThanOrEqual(before!);
  });

  it('does not re-issue a young cookie', async () => {
    const res = await me(await signIn('young@example.com'));
    expect(res.headers.getSetCookie().filter((h) => h.startsWith('__Host-session='))).toEqual([]);
  });
});

describe('signing out', () => {
  it('revokes this session at once, even though its JWT has not expired', async () => {
    const cookie = await signIn('bye@example.com');
    const res = await call('/api/auth/logout', { method: 'POST', cookie });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join()).toMatch(/__Host-session=;.*Max-Age=0/);
    expect(await customerOf(cookie)).toBeNull();
    const audit = await env.DB.prepare(
      "select count(*) as n from audit_log where action = 'auth.sign_out' and customer_id = ?",
    )
      .bind(claimsOf(cookie).sub)
      .first<number>('n');
    expect(audit).toBe(1);
  });

  it('is harmless without a session', async () => {
    expect((await call('/api/auth/logout', { method: 'POST' })).status).toBe(200);
  });

  it('everywhere revokes every session of that customer and no one else’s', async () => {
    const laptop = await signIn('many@example.com');
    const phone = await signIn('many@example.com');
    const stranger = await signIn('stranger@example.com');
    const res = await call('/api/auth/logout-all', { method: 'POST', cookie: phone });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signedOut: true, revoked: 2, tokensRevoked: null });
    expect(await customerOf(laptop)).toBeNull();
    expect(await customerOf(phone)).toBeNull();
    expect(await customerOf(stranger)).not.toBeNull();
    expect((await call('/api/auth/logout-all', { method: 'POST', cookie: laptop })).status).toBe(401);
  });
});

describe('guards other routes use', () => {
  const guarded = new Hono<AppEnv>()
    .use(requestContext)
    .get('/recent', requireSession, requireRecentSignIn(10 * 60_000), (c) => c.json({ ok: true }))
    .get('/admin', requireSession, requireAdmin, (c) => c.json({ ok: true }));
  guarded.onError(onError);
  const get = (path: string, cookie: string, bindings = env) =>
    guarded.request(path, { headers: { cookie } }, bindings);

  it('requireRecentSignIn asks for a fresh email link once the sign-in is older than allowed', async () => {
    const cookie = await signIn('recent@example.com');
    expect((await get('/recent', cookie, later(9 * MINUTE_MS))).status).toBe(200);
    const res = await get('/recent', cookie, later(11 * MINUTE_MS));
    expect(res.status).toBe(403);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('reauth_required');
    expect(body.error.message).toMatch(/sign in again/i);
  });

  it('requireAdmin lets only ADMIN_EMAILS through', async () => {
    expect((await get('/admin', await signIn('customer@example.com'))).status).toBe(403);
    expect((await get('/admin', await signIn('admin@example.com'))).status).toBe(200);
  });
});
