// The proxy URL builder: every token validated with a named field, and (property-based) every valid
// input reads back through the gateway's own rule (lowercase, split on `-`) as the same tokens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildProxyUrl,
  isValidSessionId,
  normaliseSessionId,
  POOLS,
  type ProxyUrlOptions,
  parseGatewayUsername,
  ROTATION_MODES,
} from '../../src/shared/proxy-url.ts';

const base: ProxyUrlOptions = {
  host: 'gw.proxies.sx',
  username: 'psx_acme',
  key: 'pak_0123456789abcdef01234567',
  pool: 'mbl',
};

function build(options: Partial<ProxyUrlOptions>) {
  return buildProxyUrl({ ...base, ...options });
}

describe('buildProxyUrl', () => {
  it('emits the documented example in the documented token order', () => {
    const result = build({ country: 'us', sid: 'c7f3a01', rotation: 'sticky' });
    expect(result).toMatchObject({
      ok: true,
      url: 'http://psx_acme-mbl-us-sid-c7f3a01-rot-sticky:pak_0123456789abcdef01234567@gw.proxies.sx:7000',
    });
    const full = build({
      country: 'de',
      carrier: 'tmobile',
      city: 'berlin',
      sid: 's1',
      rotation: 'auto5',
      ttl: 3600,
      protocol: 'socks5',
    });
    expect(full).toMatchObject({
      ok: true,
      port: 7001,
      proxyUsername: 'psx_acme-mbl-de-carrier-tmobile-city-berlin-sid-s1-rot-auto5-ttl-3600',
    });
    expect(full.ok && full.url.startsWith('socks5://')).toBe(true);
  });

  it('omits the rot token for the default (auto10) and has no auto30 or none', () => {
    expect(build({ country: 'us' })).toMatchObject({ proxyUsername: 'psx_acme-mbl-us' });
    expect(build({ country: 'us', rotation: 'auto10' })).toMatchObject({ proxyUsername: 'psx_acme-mbl-us' });
    expect(ROTATION_MODES).not.toContain('auto30');
    expect(ROTATION_MODES).not.toContain('none');
    expect(build({ rotation: 'none' as never })).toMatchObject({ ok: false, error: { field: 'rotation' } });
  });

  it('uses the configured (white-label) gateway host', () => {
    expect(build({ host: 'proxy.brand.com' })).toMatchObject({
      ok: true,
      url: expect.stringMatching(/@proxy\.brand\.com:7000$/),
    });
  });

  it('percent-encodes the credentials', () => {
    const result = build({ key: 'p@ss:w/rd%' });
    expect(result.ok && result.url).toBe('http://psx_acme-mbl:p%40ss%3Aw%2Frd%25@gw.proxies.sx:7000');
  });

  it.each([
    [{ sid: 'Customer-123' }, 'sid'],
    [{ sid: 'has space' }, 'sid'],
    [{ sid: 'x'.repeat(65) }, 'sid'],
    [{ sid: '' }, 'sid'],
    [{ carrier: 't-mobile' }, 'carrier'],
    [{ city: 'New York' }, 'city'],
    [{ country: 'US' }, 'country'],
    [{ country: 'usa' }, 'country'],
    [{ ttl: 59 }, 'ttl'],
    [{ ttl: 2_592_001 }, 'ttl'],
    [{ ttl: 90.5 }, 'ttl'],
    [{ pool: 'mobile' as never }, 'pool'],
    [{ protocol: 'https' as never }, 'protocol'],
    [{ host: 'gw.proxies.sx:7000' }, 'host'],
    [{ host: 'evil.com/@x' }, 'host'],
    [{ username: 'psx-acme' }, 'username'],
    [{ key: '' }, 'key'],
    [{ rotation: 'sticky' }, 'sid'],
  ] as [Partial<ProxyUrlOptions>, string][])('refuses %o, naming the field %s', (options, field) => {
    const result = build(options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe(field);
      expect(result.error.message.length).toBeGreaterThan(5);
    }
  });
});

describe('normaliseSessionId', () => {
  it('proposes a valid sid from what a customer typed', () => {
    expect(normaliseSessionId('Alice-Bot 1')).toBe('alice_bot_1');
    expect(normaliseSessionId('  Café--Crème!! ')).toBe('cafe_creme');
    expect(normaliseSessionId('---')).toBeUndefined();
    expect(normaliseSessionId('A'.repeat(100))).toHaveLength(64);
  });

  it('always yields a sid the gateway keeps', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (typed) => {
        const sid = normaliseSessionId(typed);
        if (sid !== undefined) expect(isValidSessionId(sid)).toBe(true);
      }),
    );
  });
});

const token = fc.stringMatching(/^[a-z0-9_]{1,64}$/);
const validOptions = fc
  .record(
    {
      host: fc.constantFrom('gw.proxies.sx', 'proxy.brand.com'),
      username: fc.stringMatching(/^[a-z0-9_]{3,64}$/),
      key: fc.string({ minLength: 1, maxLength: 64 }).filter((k) => !/\s/.test(k)),
      protocol: fc.constantFrom('http' as const, 'socks5' as const),
      pool: fc.constantFrom(...POOLS),
      country: fc.option(fc.stringMatching(/^[a-z]{2}$/), { nil: undefined }),
      carrier: fc.option(token, { nil: undefined }),
      city: fc.option(token, { nil: undefined }),
      sid: fc.option(token, { nil: undefined }),
      rotation: fc.option(fc.constantFrom(...ROTATION_MODES), { nil: undefined }),
      ttl: fc.option(fc.integer({ min: 60, max: 2_592_000 }), { nil: undefined }),
    },
    { requiredKeys: ['host', 'username', 'key', 'protocol', 'pool'] },
  )
  .map((o) => (o.rotation === 'sticky' && o.sid === undefined ? { ...o, sid: 'sticky_default' } : o));

describe('round trip through the gateway parse rule', () => {
  it('every valid input builds, and the gateway reads back exactly the tokens that were meant', () => {
    fc.assert(
      fc.property(validOptions, (options) => {
        const result = buildProxyUrl(options);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const url = new URL(result.url);
        expect(url.protocol).toBe(`${options.protocol}:`);
        expect(url.hostname).toBe(options.host);
        expect(decodeURIComponent(url.password)).toBe(options.key);
        const read = parseGatewayUsername(decodeURIComponent(url.username));
        expect(read).toEqual({
          account: options.username,
          pool: options.pool,
          rotation: options.rotation ?? 'auto10',
          ...(options.country !== undefined && { country: options.country }),
          ...(options.carrier !== undefined && { carrier: options.carrier }),
          ...(options.city !== undefined && { city: options.city }),
          ...(options.sid !== undefined && { sid: options.sid }),
          ...(options.ttl !== undefined && { ttl: options.ttl }),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('shows why validation matters: the gateway silently mangles a sid with a dash', () => {
    const read = parseGatewayUsername('psx_acme-mbl-us-sid-Customer-123-rot-sticky');
    expect(read.sid).toBe('customer');
    expect(read.rotation).toBe('sticky');
  });
});
