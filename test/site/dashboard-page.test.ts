// The dashboard as the Worker renders it for a signed-in customer: their address, masked key, usage and banners in the
// HTML itself (read in the session check's one round trip), the same answers handed to the app, never the secret,
// never stored by any cache; a dead session goes to sign in before any of the app loads.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountAnswer } from '../../src/shared/dashboard.ts';
import type { PageData } from '../../web/src/state/page.ts';
import {
  call,
  clearProxiesFaults,
  customerWithKey,
  json,
  mask,
  resetSimulators,
  sessionCookieFrom,
  signIn,
  simControl,
} from '../support/index.ts';

beforeAll(resetSimulators);
beforeEach(clearProxiesFaults);

async function dashboard(cookie: string, query = '') {
  const res = await call(`/dashboard${query}`, { cookie });
  const html = await res.text();
  const data = /<script type="application\/json" id="shop-data">(.+?)<\/script>/.exec(html)?.[1];
  return { res, html, data: data ? (JSON.parse(data) as PageData) : null };
}

/** The text of the page's body, tags dropped (what a reader sees, roughly). */
const text = (html: string) =>
  html
    .slice(html.indexOf('<body'))
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

describe('a signed-in customer’s dashboard', () => {
  it('shows their address, masked key, usage and expiry in the HTML, never the secret', async () => {
    const { cookie, key } = await customerWithKey('paint@example.com', 'pro');
    await simControl(`/keys/${key.id}/usage`, { usedMB: 1536 });
    const { res, html } = await dashboard(cookie);
    expect(res.status).toBe(200);
    expect(html).toMatch(new RegExp(`<code [^>]*data-testid="key"[^>]*>${mask(key.key)}</code>`));
    expect(text(html)).toContain('paint@example.com');
    expect(text(html)).toContain('1.50 GB of 10 GB used (15%)');
    expect(text(html)).toMatch(/Expires in \d+ days/);
    expect(html).toContain('gw.proxies.sx');
    expect(html).not.toContain(key.key);
    expect(html).not.toContain('class="card skeleton"');
    // The usage bar is drawn without a style attribute, which the pages' CSP would refuse.
    expect(html).toContain('<rect class="fill ok" width="15%" height="100%"></rect>');
    expect(html.slice(html.indexOf('<body'))).not.toMatch(/ style="/);
  });

  it('hands the app the account it was rendered from, the one /api/account answers', async () => {
    const { cookie, key } = await customerWithKey('handoff@example.com', 'starter');
    await simControl(`/keys/${key.id}/usage`, { usedMB: 100 });
    const { data } = await dashboard(cookie);
    const { body } = await json<AccountAnswer>('/api/account', { cookie });
    expect(data?.dashboard?.account).toEqual(body);
    expect(data?.dashboard?.stock?.countries.length).toBeGreaterThan(0);
    expect(data?.dashboard?.incidents).toMatchObject({ incidents: expect.any(Array) });
  });

  it('says why a key is off in a banner, before any script runs', async () => {
    const { cookie, key } = await customerWithKey('paint-capped@example.com', 'starter');
    await simControl(`/keys/${key.id}/usage`, { usedMB: 1024 });
    const { html } = await dashboard(cookie);
    expect(html).toMatch(/<div class="banner danger" role="alert"><p>You have used all 1 GB of your traffic\./);
  });

  it('shows a customer without a key the plans', async () => {
    const { html, data } = await dashboard(await signIn('paint-new@example.com'));
    expect(text(html)).toContain('You have no proxy key yet');
    expect(data?.dashboard?.account.key.status).toBe('none');
  });

  it('shows the purchase being applied when Checkout sent the customer back before the key exists', async () => {
    const cookie = await signIn('paint-provisioning@example.com');
    const { html } = await dashboard(cookie, '?session_id=cs_test_unknown');
    expect(text(html)).toContain('Thank you! Setting up your proxy key…');
    expect(text(html)).not.toContain('You have no proxy key yet');
  });

  it('is private: never stored, varying with the session cookie', async () => {
    const { res } = await dashboard(await signIn('paint-private@example.com'));
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('vary')).toMatch(/cookie/i);
    expect(res.headers.get('content-security-policy')).toMatch(/style-src 'self' 'sha256-/);
  });

  it('is whole before its script runs, which loads after what the first paint needs', async () => {
    const { html } = await dashboard(await signIn('paint-script@example.com'));
    expect(html).toMatch(/<script type="module" src="\/assets\/en\/app-[^"]+\.js" fetchpriority="low"><\/script>/);
  });

  it('leaves nothing of one customer in the next page the Worker renders', async () => {
    const { cookie, key } = await customerWithKey('paint-first@example.com', 'starter');
    await dashboard(cookie);
    const next = await (await call('/dashboard/api', { cookie })).text();
    expect(next).not.toContain('paint-first@example.com');
    expect(next).not.toContain(mask(key.key));
    const other = await dashboard(await signIn('paint-second@example.com'));
    expect(other.html).not.toContain('paint-first@example.com');
    expect(other.html).not.toContain(mask(key.key));
  });

  it('names who is signed in in the header, with the links of a signed-in customer', async () => {
    const { html } = await dashboard(await signIn('paint-header@example.com'));
    const nav = /<nav aria-label="Main" id="session-nav">(.*?)<\/nav>/.exec(html)?.[1] ?? '';
    expect(nav).toContain('paint-header@example.com');
    expect(nav).toContain('Sign out');
  });
});

describe('a dashboard request without a live session', () => {
  it('goes to sign in and back, its cookie cleared, when the session has ended', async () => {
    const cookie = await signIn('paint-ended@example.com');
    expect((await call('/api/auth/logout', { method: 'POST', cookie })).status).toBe(200);
    const res = await call('/dashboard?tab=1', { cookie });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fdashboard%3Ftab%3D1');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toMatch(/__Host-session=;/);
    expect(sessionCookieFrom(res)).toBeNull();
  });

  it('goes to sign in with a forged cookie', async () => {
    const res = await call('/dashboard', { cookie: '__Host-session=eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJ4In0.c2ln' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fdashboard');
  });
});

describe('a customer who reads the shop in another language', () => {
  it('gets the dashboard written in their saved language, whatever the browser asks for, and its app in the same', async () => {
    const { cookie, key } = await customerWithKey('greta@example.de', 'pro');
    await simControl(`/keys/${key.id}/usage`, { usedMB: 1536 });
    expect((await call('/api/account/language', { method: 'PUT', json: { locale: 'de' }, cookie })).status).toBe(200);
    const res = await call('/dashboard', { cookie, headers: { 'accept-language': 'en-US,en' } });
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(html).toMatch(/<script type="module" src="\/assets\/de\/app-[^"]+\.js"/);
    expect(text(html)).toContain('Deine Proxy-Zugangsdaten');
    expect(text(html)).toMatch(/1,50\sGB von 10\sGB verbraucht \(15\s%\)/);
    // The app's later answers speak it too.
    expect(res.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^shop_locale=de;/));
  });
});
