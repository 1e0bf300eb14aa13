// The customer API as a script uses it: proxy URLs of the customer's own key in three formats, usage, key status and
// sessions; scopes; one customer's token never reaching another's key or sessions; no way to rotate or reveal the
// key; cookies and tokens never standing in for each other; CORS closed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyAnswer, ProxyUrlsAnswer, UsageApiAnswer } from '../../src/api/schemas.ts';
import type { SessionsAnswer } from '../../src/shared/dashboard.ts';
import { parseGatewayUsername } from '../../src/shared/proxy-url.ts';
import {
  apiCall,
  call,
  customerWithKey,
  type ErrorBody,
  makeToken,
  resetSimulators,
  type SimKey,
  simCalls,
  simControl,
} from '../support/index.ts';

interface Customer {
  cookie: string;
  customerId: string;
  key: SimKey;
  /** Scopes read and sessions. */
  token: string;
  readOnly: string;
}

let a: Customer;
let b: Customer;

async function customer(email: string, tier: string): Promise<Customer> {
  const c = await customerWithKey(email, tier);
  const { token } = await makeToken(c.cookie, { name: 'all', scopes: ['read', 'sessions'] });
  const { token: readOnly } = await makeToken(c.cookie, { name: 'read only' });
  return { ...c, token, readOnly };
}

beforeAll(async () => {
  await resetSimulators();
  a = await customer('api-alice@example.com', 'pro');
  b = await customer('api-bob@example.com', 'starter');
  await simControl(`/keys/${a.key.id}/sessions`, { count: 2, sid: 'alice_bot', country: 'de' });
  await simControl(`/keys/${b.key.id}/sessions`, { count: 1, sid: 'bob_bot', country: 'us' });
});

describe('GET /api/v1/proxy-urls', () => {
  it('prints five sticky URLs for Germany as text, one a line, as a download', async () => {
    const res = await apiCall('/api/v1/proxy-urls?country=de&count=5&format=txt', a.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="proxies-de-5.txt"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const sids = new Set<string>();
    for (const line of lines) {
      const url = new URL(line);
      expect(url.protocol).toBe('http:');
      expect(url.port).toBe('7000');
      expect(decodeURIComponent(url.password)).toBe(a.key.key);
      const read = parseGatewayUsername(decodeURIComponent(url.username));
      expect(read).toMatchObject({ pool: 'mbl', country: 'de', rotation: 'sticky' });
      sids.add(read.sid!);
    }
    expect(sids.size).toBe(5);
  });

  it('names the batch after a given sid prefix, and answers JSON by default', async () => {
    const res = await apiCall('/api/v1/proxy-urls?count=3&sid=crawler&protocol=socks5&pool=peer', a.token);
    const { urls } = await res.json<ProxyUrlsAnswer>();
    expect(urls.map((u) => u.sid)).toEqual(['crawler_1', 'crawler_2', 'crawler_3']);
    expect(urls[0]).toMatchObject({ protocol: 'socks5', port: 7001, password: a.key.key });
    expect(urls[0]!.url.startsWith('socks5://')).toBe(true);
    expect(parseGatewayUsername(urls[2]!.username)).toMatchObject({ pool: 'peer', sid: 'crawler_3' });
  });

  it('gives one URL with the rotation asked for when there is no count', async () => {
    const { urls } = await (
      await apiCall('/api/v1/proxy-urls?rotation=auto5&country=us', a.token)
    ).json<ProxyUrlsAnswer>();
    expect(urls).toHaveLength(1);
    expect(parseGatewayUsername(urls[0]!.username)).toMatchObject({ country: 'us', rotation: 'auto5' });
    expect(urls[0]!.sid).toBeNull();
  });

  it('answers CSV with a header row, host, port, username and password apart', async () => {
    const res = await apiCall('/api/v1/proxy-urls?count=2&sid=csv&format=csv', a.token);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="proxies-any-2.csv"');
    const rows = (await res.text()).trimEnd().split('\r\n');
    expect(rows[0]).toBe('url,protocol,host,port,username,password,sid');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.split(',').slice(1)).toEqual([
      'http',
      'gw.proxies.sx',
      '7000',
      expect.stringContaining('-sid-csv_1'),
      a.key.key,
      'csv_1',
    ]);
  });

  it.each([
    ['country=xx', 'country'],
    ['country=DE', 'country'],
    ['count=0', 'count'],
    ['count=251', 'count'],
    ['sid=my-bot', 'try my_bot'],
    ['count=3&rotation=auto10', 'sticky'],
    ['format=xml', 'format'],
    ['pool=wifi', 'pool'],
  ])('refuses %s with a 400 that says why', async (query, says) => {
    const res = await apiCall(`/api/v1/proxy-urls?${query}`, a.token);
    expect(res.status).toBe(400);
    const { error } = await res.json<ErrorBody>();
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(says);
  });

  it('gives each customer only their own key', async () => {
    const { urls } = await (await apiCall('/api/v1/proxy-urls?count=2', b.token)).json<ProxyUrlsAnswer>();
    expect(urls.every((u) => u.password === b.key.key)).toBe(true);
    expect(JSON.stringify(urls)).not.toContain(a.key.key);
  });
});

describe('usage, key status and sessions', () => {
  it('usage: cap, used, left, expiry and the daily series', async () => {
    await simControl(`/keys/${a.key.id}/usage`, { usedMB: 512 });
    const res = await apiCall('/api/v1/usage?days=7', a.token);
    expect(res.status).toBe(200);
    const usage = await res.json<UsageApiAnswer>();
    expect(usage).toMatchObject({ capGb: 10, usedMb: 512, leftMb: 10 * 1024 - 512, live: true });
    expect(usage.expiresAt).toBeGreaterThan(Date.now());
    expect(Array.isArray(usage.days)).toBe(true);
  });

  it('key: status and why, never the secret', async () => {
    const res = await apiCall('/api/v1/key', a.token);
    const key = await res.json<KeyAnswer>();
    expect(key).toMatchObject({ status: 'active', reason: null, capGb: 10 });
    expect(key.secretMask).toMatch(/^pak_.+…/);
    expect(JSON.stringify(key)).not.toContain(a.key.key);
  });

  it('sessions: only the token owner’s, each platform call scoped by their key', async () => {
    const before = (await simCalls()).length;
    const { sessions } = await (await apiCall('/api/v1/sessions', b.token)).json<SessionsAnswer>();
    expect(sessions.map((s) => s.sid)).toEqual(['bob_bot']);
    const calls = (await simCalls()).slice(before).filter((c) => c.path.includes('my-sessions'));
    expect(calls.map((c) => c.path)).toEqual([`/v1/gateway/pool/my-sessions?pakId=${b.key.id}`]);
  });

  it('closing: needs the sessions scope; another customer’s session is a 404; close all closes only one’s own', async () => {
    const { sessions } = await (await apiCall('/api/v1/sessions', a.token)).json<SessionsAnswer>();
    const target = encodeURIComponent(sessions[0]!.sessionKey);
    const scopeless = await apiCall(`/api/v1/sessions/${target}`, a.readOnly, { method: 'DELETE' });
    expect(scopeless.status).toBe(403);
    expect(scopeless.headers.get('www-authenticate')).toContain('scope="sessions"');
    expect((await scopeless.json<ErrorBody>()).error.code).toBe('insufficient_scope');
    expect((await apiCall(`/api/v1/sessions/${target}`, b.token, { method: 'DELETE' })).status).toBe(404);
    expect((await apiCall('/api/v1/sessions', b.token, { method: 'DELETE' })).status).toBe(200);
    const left = await (await apiCall('/api/v1/sessions', a.token)).json<SessionsAnswer>();
    expect(left.sessions).toHaveLength(2);
    const closed = await apiCall(`/api/v1/sessions/${target}`, a.token, { method: 'DELETE' });
    expect(await closed.json()).toEqual({ closed: 1 });
  });

  it('a sessions-only token reads nothing', async () => {
    const { token } = await makeToken(a.cookie, { name: 'closer', scopes: ['sessions'] });
    for (const path of ['/api/v1/proxy-urls', '/api/v1/usage', '/api/v1/key', '/api/v1/sessions'])
      expect((await apiCall(path, token)).status).toBe(403);
    expect((await apiCall('/api/v1/sessions', token, { method: 'DELETE' })).status).toBe(200);
  });
});

describe('what a token can never do', () => {
  it('rotate or reveal the key: there is no such API route, and the dashboard’s do not take a token', async () => {
    const regenerations = async () => (await simCalls()).filter((c) => c.path.includes('/regenerate')).length;
    const before = await regenerations();
    for (const path of ['/api/v1/key/rotate', '/api/v1/key/reveal', '/api/v1/key'])
      expect([404, 405]).toContain((await apiCall(path, a.token, { method: 'POST' })).status);
    for (const path of ['/api/key/rotate', '/api/key/reveal']) {
      const res = await call(path, { method: 'POST', headers: { authorization: `Bearer ${a.token}` } });
      expect(res.status).toBe(401);
    }
    expect(await regenerations()).toBe(before);
  });

  it('act through a cookie route, and a cookie never acts on /api/v1', async () => {
    for (const path of ['/api/account', '/api/sessions', '/api/usage', '/api/tokens'])
      expect((await call(path, { headers: { authorization: `Bearer ${a.token}` } })).status).toBe(401);
    const cookieOnly = await apiCall('/api/v1/key', null, { headers: { cookie: a.cookie } });
    expect(cookieOnly.status).toBe(401);
    expect(cookieOnly.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(cookieOnly.headers.get('set-cookie')).toBeNull();
    // A cookie beside B's token changes nothing: the answer is B's.
    const both = await apiCall('/api/v1/proxy-urls', b.token, { headers: { cookie: a.cookie } });
    expect(JSON.stringify(await both.json())).toContain(b.key.key);
  });

  it('work with anything but a well-formed live token', async () => {
    for (const header of ['', 'Basic abc', 'Bearer', `Bearer ${a.token}x`, `Bearer pst_${'A'.repeat(43)}`, a.token]) {
      const res = await apiCall('/api/v1/key', null, { headers: header ? { authorization: header } : {} });
      expect(res.status).toBe(401);
    }
  });
});

describe('CORS', () => {
  it('is closed: no Access-Control-Allow-Origin on a preflight or an answer', async () => {
    const preflight = await apiCall('/api/v1/proxy-urls', null, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await apiCall('/api/v1/key', a.token, { headers: { origin: 'https://elsewhere.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a cross-site browser request that changes something is refused; a script without Origin is not', async () => {
    const crossSite = await apiCall('/api/v1/sessions', a.token, {
      method: 'DELETE',
      headers: { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect((await apiCall('/api/v1/sessions', a.token, { method: 'DELETE' })).status).toBe(200);
  });
});
