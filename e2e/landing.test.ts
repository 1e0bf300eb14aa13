// The landing page in a real browser: brand and tiers from wrangler.toml, security headers, no CSP errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, SHOP, screenshot, VIEWPORTS, withShopAndBrowser } from './harness.ts';

const { browser } = withShopAndBrowser();

test('static assets carry the security headers, and SPA routes fall back to the app', async () => {
  for (const path of ['/', '/dashboard']) {
    const res = await fetch(`${SHOP}${path}`, { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<div id="app">/);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  }
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
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'no horizontal scrolling');
    await screenshot(page, `landing-${name}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
