// A customer who scripts: makes a personal access token on the dashboard's API page (shown once), and a curl-like
// request with it answers five sticky proxy URLs of their own key; revoking it refuses the next request. The page is
// clean for axe and at 360 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations } from '../devkit/axe.ts';
import {
  assertCleanOnPhone,
  openPage,
  SHOP,
  SIM,
  screenshot,
  sidewaysScroll,
  signInOnPage,
  simJson,
  VIEWPORTS,
  withShopAndBrowser,
} from './harness.ts';

const EMAIL = 'scripter@example.com';
const { browser } = withShopAndBrowser();

const proxyList = (token: string) =>
  fetch(`${SHOP}/api/v1/proxy-urls?country=de&count=5&format=txt`, { headers: { authorization: `Bearer ${token}` } });

test('a customer makes an API token, sees it once, and fetches five sticky proxy URLs with it', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, EMAIL, '/dashboard');
  await page.goto(`${SHOP}/checkout/starter`);
  await page.waitForURL(`${SIM}/stripe/checkout/**`);
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.getByRole('heading', { name: 'Your proxy credentials' }).waitFor({ timeout: 20_000 });
  const [key] = await simJson<{ key: string }[]>('/_sim/proxies/keys');
  assert.ok(key, 'a key was minted upstream');

  // From the Account card to the API page (the app's own navigation), then the reference it links to exists.
  await page.getByRole('region', { name: 'Account' }).getByRole('link', { name: 'API token' }).click();
  await page.getByRole('heading', { level: 1, name: 'API' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/dashboard/api');
  const reference = await page.getByRole('link', { name: 'API reference' }).getAttribute('href');
  assert.equal((await fetch(`${SHOP}${reference}`)).status, 200);
  await page.getByText('No tokens yet.').waitFor();

  await page.getByLabel('Token name').fill('nightly scraper');
  await page.getByRole('button', { name: 'Make token' }).click();
  const shown = page.getByRole('group', { name: 'Your new API token' });
  const token = (await shown.innerText()).trim();
  assert.match(token, /^pst_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole('row', { name: /nightly scraper/ });
  await row.getByText(`pst_…${token.slice(-4)}`).waitFor();

  // What a script does with it: five sticky URLs of the customer's own key, one sid (and so one IP) each.
  const res = await proxyList(token);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  const urls = (await res.text()).trim().split('\n');
  assert.equal(urls.length, 5);
  const sids = urls.map((url, i) => {
    const match = /^http:\/\/psx_acme-mbl-de-sid-(\w+)-rot-sticky:(pak_\w+)@gw\.proxies\.sx:7000$/.exec(url);
    assert.ok(match, url);
    assert.equal(match[2], key.key);
    assert.ok(match[1]!.endsWith(`_${i + 1}`), match[1]);
    return match[1];
  });
  assert.equal(new Set(sids).size, 5);

  assert.deepEqual(await axeViolations(page), [], 'axe on the API page');
  await screenshot(page, 'api-1-token-desktop');
  await assertCleanOnPhone(page, 'the API page', 'api-2-token-mobile');

  // Shown once: after a reload only its hint is left.
  await page.reload();
  await row.getByText(`pst_…${token.slice(-4)}`).waitFor();
  assert.ok(!(await page.content()).includes(token), 'the token is not shown again');

  await row.getByRole('button', { name: /Revoke/ }).click();
  await page.getByRole('dialog', { name: 'Revoke “nightly scraper”?' }).getByRole('button', { name: 'Revoke' }).click();
  await page.getByText('No tokens yet.').waitFor();
  assert.equal((await proxyList(token)).status, 401);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the API reference reads on a phone: every column named, every example inside its box', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.mobile });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await page.goto(`${SHOP}/api/v1/docs`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await sidewaysScroll(page), 0, 'no horizontal scrolling at 360 px');
  const examples = await page
    .locator('pre')
    .evaluateAll((boxes) => boxes.filter((box) => box.scrollWidth > box.clientWidth).map((box) => box.textContent));
  assert.deepEqual(examples, [], 'examples that run out of their box');
  assert.deepEqual(
    await page.locator('th').evaluateAll((heads) => heads.filter((th) => !th.textContent?.trim()).length),
    0,
    'unnamed columns',
  );
  assert.deepEqual(await axeViolations(page), [], 'axe on the API reference at 360 px');
  assert.deepEqual(errors, []);
  await context.close();
});

test('signing out everywhere asks whether the API tokens go too, and revokes them when ticked', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, EMAIL, '/dashboard/api');
  await page.getByLabel('Token name').fill('cron job');
  await page.getByRole('button', { name: 'Make token' }).click();
  const token = (await page.getByRole('group', { name: 'Your new API token' }).innerText()).trim();
  assert.equal((await proxyList(token)).status, 200);

  await page.goto(`${SHOP}/dashboard`);
  const account = page.getByRole('region', { name: 'Account' });
  await account.getByRole('button', { name: 'Sign out everywhere…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), new RegExp(`Every browser and device signed in as ${EMAIL} is signed out`));
  assert.match(await dialog.innerText(), /Your API tokens keep working/);
  // Cancelled: nothing happens.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await proxyList(token)).status, 200);

  await account.getByRole('button', { name: 'Sign out everywhere…' }).click();
  await dialog.getByRole('checkbox', { name: 'Also revoke all my API tokens' }).check();
  assert.match(await dialog.innerText(), /Every script that uses one of your API tokens stops working at once/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the sign-out confirmation');
  await screenshot(page, 'sign-out-everywhere-dialog-desktop');
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.waitForURL(`${SHOP}/`);
  assert.equal((await proxyList(token)).status, 401, 'the token was revoked with the sessions');
  assert.deepEqual(errors, []);
  await context.close();
});
