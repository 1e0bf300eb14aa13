// The console's overview as the Worker renders it for an operator: the shop's figures in the HTML itself, the same
// answer handed to the app, never stored by any cache; a customer's cookie gets the app's shell as before and runs none
// of the overview's reads; a dead or missing session goes to sign in before any of the app loads.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OverviewAnswer } from '../../src/shared/admin.ts';
import type { PageData } from '../../web/src/state/page.ts';
import {
  call,
  clearProxiesFaults,
  customerWithKey,
  FlakyD1,
  json,
  OPERATOR,
  resetSimulators,
  signIn,
} from '../support/index.ts';

beforeAll(resetSimulators);
beforeEach(clearProxiesFaults);

let operator: string;
beforeAll(async () => {
  operator = await signIn(OPERATOR);
});

async function consolePage(cookie: string | undefined, env?: Env) {
  const res = await call('/admin', { cookie, env });
  const html = await res.text();
  const data = /<script type="application\/json" id="shop-data">(.+?)<\/script>/.exec(html)?.[1];
  return { res, html, data: data ? (JSON.parse(data) as PageData) : null };
}

/** A figure of the overview as it reads: its label and its value. */
const stat = (label: string, value: string | number) => `<dt>${label}</dt><dd><strong>${value}</strong>`;

describe('an operator opening the console', () => {
  it('sees the shop’s figures in the HTML, the ones /api/admin/overview answers, handed to the app', async () => {
    const { key } = await customerWithKey('console-paint@example.com', 'starter');
    const { res, html, data } = await consolePage(operator);
    const { body } = await json<OverviewAnswer>('/api/admin/overview', { cookie: operator });
    expect(res.status).toBe(200);
    expect(html).toContain(stat('Customers', body.customers));
    expect(html).toContain(stat('Paying customers', body.payingCustomers));
    expect(html).toContain(stat('Open disputes', body.disputes.open));
    expect(html).toContain('<nav class="admin-nav" aria-label="Console">');
    expect(html).toContain('<h1>Overview</h1>');
    expect(html).not.toContain('aria-busy="true"');
    // The same answer (but its time, and the mail's health, which the purchase's receipt may move in between).
    const { generatedAt: _at, mail: _mail, ...handed } = data?.console ?? ({} as OverviewAnswer);
    const { generatedAt: _now, mail: _sent, ...asked } = body;
    expect(handed).toEqual(asked);
    expect(handed.operator).toMatchObject({ email: OPERATOR, isAdmin: true });
    expect(data?.dashboard).toBeUndefined();
    // The overview names customers, never a key's secret.
    expect(html).not.toContain(key.key);
  });

  it('is private: never stored, varying with the session cookie', async () => {
    const { res } = await consolePage(operator);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('vary')).toMatch(/cookie/i);
    expect(res.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-/);
  });

  it('preloads the console, whose script loads after what the first paint needs', async () => {
    const { html } = await consolePage(operator);
    expect(html).toMatch(/<link rel="modulepreload" href="\/assets\/en\/AdminApp-[^"]+\.js" fetchpriority="low">/);
    expect(html).toMatch(/<script type="module" src="\/assets\/en\/app-[^"]+\.js" fetchpriority="low"><\/script>/);
  });

  it('leaves nothing of the overview in the next page the Worker renders', async () => {
    await consolePage(operator);
    const next = await (await call('/admin/customers', { cookie: operator })).text();
    expect(next).not.toContain('admin@example.com');
    expect(next).not.toContain('<h1>Overview</h1>');
  });
});

describe('a customer opening /admin', () => {
  it('gets the app’s shell as before, with none of the overview and none of its reads', async () => {
    const cookie = await signIn('console-customer@example.com');
    const onConsole = new FlakyD1();
    const { res, html, data } = await consolePage(cookie, onConsole.env);
    expect(res.status).toBe(200);
    expect(data).toBeNull();
    expect(html).not.toContain('<h1>Overview</h1>');
    expect(html).not.toContain('AdminApp-');
    expect(html).toContain('aria-busy="true"');
    // The session check alone: one round trip, reading no more rows than the dashboard's (which reads the account too).
    expect(onConsole.trips).toBe(1);
    expect(onConsole.callsOf(/\b(orders|mail_failures|keys|disputes)\b/)).toEqual([]);
    const onDashboard = new FlakyD1();
    expect((await call('/dashboard', { cookie, env: onDashboard.env })).status).toBe(200);
    expect(onConsole.rowsRead).toBeGreaterThan(0);
    expect(onConsole.rowsRead).toBeLessThanOrEqual(onDashboard.rowsRead);
  });
});

describe('a console request without a live session', () => {
  it('goes to sign in and back without a cookie', async () => {
    const res = await call('/admin');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fadmin');
  });

  it('goes to sign in, its cookie cleared, when the session has ended', async () => {
    const cookie = await signIn('console-ended@example.com');
    expect((await call('/api/auth/logout', { method: 'POST', cookie })).status).toBe(200);
    const res = await call('/admin', { cookie });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fadmin');
    expect(res.headers.get('set-cookie')).toMatch(/__Host-session=;/);
  });
});
