// Every route, fed what an attacker or a broken client sends, answers a 4xx in the API's error shape: never a 500.
import { describe, expect, it } from 'vitest';
import { admin } from '../../src/routes/admin.ts';
import { auth } from '../../src/routes/auth.ts';
import { availability } from '../../src/routes/availability.ts';
import { billing } from '../../src/routes/billing.ts';
import { dashboard } from '../../src/routes/dashboard.ts';
import { meta } from '../../src/routes/meta.ts';
import { call, signIn } from '../support/index.ts';

const MOUNTS: [string, { routes: { method: string; path: string }[] }][] = [
  ['/api', meta],
  ['/api', availability],
  ['/api/auth', auth],
  ['/api', billing],
  ['/api', dashboard],
  ['/api/admin', admin],
];

const PARAM_JUNK = ["x'--", '%00', 'a'.repeat(600), '..%2F..%2Fetc'];
const BODY_JUNK: { label: string; body: string }[] = [
  { label: 'broken JSON', body: '{"email": ' },
  { label: 'an array', body: '[]' },
  { label: 'null', body: 'null' },
  {
    label: 'wrong types',
    body: JSON.stringify({ email: 42, token: [], tierId: { $ne: 1 }, gb: 'lots', reason: null, days: -1 }),
  },
  {
    label: 'huge strings',
    body: JSON.stringify({ email: `${'a'.repeat(5000)}@x.io`, token: 'b'.repeat(5000), tierId: 'c'.repeat(5000) }),
  },
];

function paths(): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const [prefix, module] of MOUNTS)
    for (const { method, path } of module.routes)
      if (method !== 'ALL')
        seen.set(`${method} ${prefix}${path}`, { method, path: `${prefix}${path}`.replace(/\/$/, '') });
  // Signing out ends the session the other calls use: those go last.
  return [...seen.values()].sort((a, b) => Number(a.path.includes('/logout')) - Number(b.path.includes('/logout')));
}

describe('malformed input', () => {
  it('never produces a 500, on any route, signed in as an operator', async () => {
    const cookie = await signIn('admin@example.com');
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (const { method, path } of paths()) {
      const concrete = PARAM_JUNK.map((junk) => path.replace(/:[A-Za-z]+/g, encodeURIComponent(junk)));
      for (const url of new Set(concrete)) {
        const bodies = method === 'GET' ? [undefined] : BODY_JUNK;
        for (const junk of bodies) {
          const query = method === 'GET' ? '?page=-1&limit=abc&days=9999&q=%25%00&before=x&action=' : '';
          const res = await call(`${url}${query}`, {
            method,
            cookie,
            ...(junk
              ? { body: junk.body, headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } }
              : {}),
          });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status >= 500)
            failures.push(`${method} ${url} (${junk?.label ?? 'bad query'}): ${res.status} ${await res.text()}`);
          else if (res.status >= 400 && !(res.headers.get('content-type') ?? '').includes('text/csv')) {
            const body = await res.json<{ error?: { code?: string; message?: string } }>();
            if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
              failures.push(`${method} ${url}: ${res.status} without the error shape`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The junk reached validation and handlers, not just the session check (only the calls after sign-out are 401).
    expect(statuses[401] ?? 0).toBeLessThanOrEqual(BODY_JUNK.length * PARAM_JUNK.length);
    expect(statuses[400]).toBeGreaterThan(100);
  }, 120_000);
});
