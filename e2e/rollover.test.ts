// Past the cap ceiling in a real browser: a customer with 1000 GB of history and 10 GB left buys again; the
// dashboard says loudly that they have a new key and until when the old one works, and the mail arrives. Then a
// person switches the key off in the Proxies.sx panel: buying more is refused before payment, and the dashboard
// says "disabled by the provider — contact support".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  mailArrived,
  openPage,
  SHOP,
  screenshot,
  signInOnPage,
  simJson,
  simPost,
  VIEWPORTS,
  withShopAndBrowser,
} from './harness.ts';
import { mask, rollOver, upstreamKeys, upstreamKeysOf } from './rollover-kit.ts';

const EMAIL = 'rollover@example.com';
const { browser, shop } = withShopAndBrowser();

test('a customer past the ceiling gets a new key, is told loudly, and the old key keeps working', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  const first = await rollOver(shop(), page, EMAIL);
  const banner = page.getByRole('alert').filter({ hasText: 'You have a new proxy key' });
  const keys = await upstreamKeysOf(EMAIL);
  const fresh = keys.find((k) => k.id !== first.id)!;
  assert.equal(fresh.trafficCapGB, 50);
  assert.equal((await upstreamKeys()).find((k) => k.id === first.id)?.enabled, true, 'the old key still works');
  const text = await banner.innerText();
  assert.match(text, /new proxy key/);
  assert.ok(text.includes(mask(first.key)), 'the banner names the old key');
  assert.match(text, /keeps working until/);
  assert.equal(await page.getByTestId('key').innerText(), mask(fresh.key), 'the credentials show the new key');
  await screenshot(page, 'rollover-banner-desktop');
  await mailArrived(EMAIL, /proxy key has changed/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a key switched off in the Proxies.sx panel: no purchase, and the dashboard says to contact support', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.mobile });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, EMAIL, '/dashboard');
  const current = (await upstreamKeys()).find((k) => k.trafficCapGB === 50)!;
  await simPost(`/_sim/proxies/keys/${current.id}/panel`, { enabled: false });

  await page.goto(`${SHOP}/checkout/pro`);
  await page
    .getByRole('alert')
    .getByText(/disabled by the provider/)
    .waitFor();
  assert.equal((await simJson<unknown[]>('/_sim/stripe/sessions')).length, 2, 'no Checkout Session was opened');

  await page.goto(`${SHOP}/dashboard`);
  const alert = page.getByRole('alert').filter({ hasText: 'disabled by the provider' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /contact support/i);
  assert.equal(
    await alert.getByRole('link', { name: 'Contact support' }).getAttribute('href'),
    'mailto:support@example.com',
  );
  await screenshot(page, 'provider-disabled-mobile');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the operator sees the generations and the provider’s decision on the customer’s page', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, 'admin@example.com', '/admin/customers');
  await page.getByRole('link', { name: EMAIL }).click();
  await page.getByRole('heading', { name: EMAIL }).waitFor();
  await page.getByText(/Disabled by the provider: a person switched this key off/).waitFor();
  const generations = page.getByRole('table', { name: 'Key generations' });
  const rows = await generations.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows[0]!, /^2\s.*Current.*disabled by the provider/s);
  assert.match(rows[1]!, /^1\s.*Retiring: works until/s);
  await screenshot(page, 'console-generations-desktop');
  assert.deepEqual(errors, []);
  await context.close();
});
