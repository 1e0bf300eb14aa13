import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { PublicConfig } from '../../src/shared/api.ts';
import { call } from '../support/index.ts';

describe('public config', () => {
  it('returns the brand, the tiers with price per GB and the offered countries, and nothing secret', async () => {
    const res = await call('/api/config');
    expect(res.status).toBe(200);
    const body = await res.json<PublicConfig>();
    expect(body.brand.name).toBe('Acme Mobile Proxies');
    expect(body.tiers.map((t) => t.id)).toEqual(['starter', 'pro', 'scale']);
    expect(body.tiers[1]).toMatchObject({ gb: 10, price: 6900, pricePerGb: 690, highlight: true });
    expect(body.countries).toContain('us');
    const text = JSON.stringify(body);
    for (const secret of [env.AUTH_SECRET, env.PROXIES_SX_API_KEY, env.STRIPE_SECRET_KEY, env.ENCRYPTION_KEY])
      expect(text).not.toContain(secret);
  });
});

describe('health', () => {
  it('reports config, D1 and KV as ok', async () => {
    const res = await call('/api/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      checks: { config: { ok: true }, d1: { ok: true }, kv: { ok: true } },
    });
  });
});

describe('error shape', () => {
  it('answers an unknown API route with a JSON 404', async () => {
    const res = await call('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses a non-JSON body with 415', async () => {
    const res = await call('/api/anything', {
      body: 'email=a@b.c',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('refuses an oversized body with 413', async () => {
    const res = await call('/api/anything', {
      body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('puts a request id on every response, echoing a well-formed incoming one', async () => {
    const res = await call('/api/config', { headers: { 'x-request-id': 'trace_12345678' } });
    expect(res.headers.get('x-request-id')).toBe('trace_12345678');
    const fresh = await call('/api/config', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers', () => {
  it('sets CSP, HSTS, nosniff, frame and referrer policies on API responses', async () => {
    for (const path of ['/api/config', '/api/nope']) {
      const res = await call(path);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('CSRF', () => {
  it('refuses a cross-site POST by Origin and by Sec-Fetch-Site', async () => {
    const byOrigin = await call('/api/anything', { json: {}, headers: { origin: 'https://evil.example' } });
    expect(byOrigin.status).toBe(403);
    expect(await byOrigin.json()).toMatchObject({ error: { code: 'csrf_refused' } });
    const bySite = await call('/api/anything', { json: {}, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(bySite.status).toBe(403);
  });

  it('lets a same-origin POST through to routing', async () => {
    const res = await call('/api/anything', { json: {}, headers: { 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(404);
  });
});

describe('migrations', () => {
  it('are applied to D1', async () => {
    const { results } = await env.DB.prepare("select name from sqlite_master where type = 'table'").all<{
      name: string;
    }>();
    expect(results.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'customers',
        'login_tokens',
        'sessions',
        'orders',
        'pool_keys',
        'stripe_events',
        'audit_log',
      ]),
    );
  });
});
