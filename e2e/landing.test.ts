// The landing page in a real browser: brand and tiers from wrangler.toml, security headers, no CSP errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations } from '../devkit/axe.ts';
import { openPage, SHOP, screenshot, sidewaysScroll, VIEWPORTS, withShopAndBrowser } from './harness.ts';

const { browser } = withShopAndBrowser();

test('pages and static files carry the security headers; the shop’s own files stay private', async () => {
  for (const path of ['/', '/dashboard', '/logo.svg', '/favicon.ico', '/apple-touch-icon.png', '/robots.txt']) {
    const res = await fetch(`${SHOP}${path}`, { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' } });
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
    assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=/, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
  }
  // The landing page's HTML, before any script runs, sells: the brand, every tier and its price.
  const landing = await (await fetch(SHOP)).text();
  for (const text of ['<h1>Acme Mobile Proxies</h1>', '<h3>Starter</h3>', '$9.00', '<h3>Pro</h3>', '$69.00', '$279.00'])
    assert.ok(landing.includes(text), text);
  assert.match(await (await fetch(`${SHOP}/dashboard`)).text(), /<div id="app">/);
  // The build's manifests are for the Worker, not the world.
  assert.equal((await fetch(`${SHOP}/.vite/app.json`)).status, 404);
  const api = await fetch(`${SHOP}/api/nope`);
  assert.equal(api.status, 404);
  assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'not_found');
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`landing page shows the brand and the tiers (${name})`, async () => {
    const context = await browser().newContext({ viewport });
    const errors: string[] = [];
    const page = await openPage(context, errors);
    await page.goto(SHOP);
    await page.getByRole('heading', { level: 1, name: 'Acme Mobile Proxies' }).waitFor();
    // Live availability from the shop's cached stock (the simulator's sample: 73 US mobile devices).
    await page
      .getByRole('list', { name: 'Countries' })
      .getByRole('listitem')
      .filter({ hasText: 'United States' })
      .getByText('73 mobile online')
      .waitFor();
    const tiers = page.getByRole('list', { name: 'Pricing' }).getByRole('listitem');
    assert.equal(await tiers.count(), 3);
    assert.match(await tiers.nth(1).innerText(), /Pro[\s\S]*\$69\.00[\s\S]*10 GB[\s\S]*\$6\.90/);
    assert.equal(await sidewaysScroll(page), 0, 'no horizontal scrolling');
    assert.deepEqual(await axeViolations(page), [], 'axe on the landing page');
    await screenshot(page, `landing-${name}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a signed-out visitor’s pages make no failing request and never ask who is signed in', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  const failing: string[] = [];
  const asked: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) failing.push(`${res.status()} ${res.url()}`);
  });
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/api/auth/me') asked.push(req.url());
  });
  for (const path of ['/', '/signin', '/terms', '/checkout/pro', '/admin']) {
    await page.goto(`${SHOP}${path}`);
    await page.waitForLoadState('networkidle');
  }
  // The dashboard sends a signed-out visitor to sign in at once, without a refused request first.
  await page.goto(`${SHOP}/dashboard`);
  await page.waitForURL(`${SHOP}/signin?next=%2Fdashboard`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
  assert.deepEqual(failing, []);
  assert.deepEqual(asked, []);
  assert.deepEqual(errors, []);
  await context.close();
});
