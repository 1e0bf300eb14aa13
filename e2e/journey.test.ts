// The customer's whole journey in a real browser: land → choose a tier → sign in with the emailed link →
// pay on the simulated Checkout → the dashboard shows the key being set up, then the key → build a URL for a
// country with a sticky sid → copy it → rotate the key → the URL changes → sign out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../devkit/axe.ts';
import {
  assertCleanOnPhone,
  openPage,
  SHOP,
  SIM,
  screenshot,
  signInLink,
  signInMails,
  simJson,
  VIEWPORTS,
  withShopAndBrowser,
} from './harness.ts';

let context: BrowserContext;
let page: Page;
const errors: string[] = [];
const EMAIL = 'journey@example.com';

const upstreamKeys = () => simJson<{ id: string; key: string }[]>('/_sim/proxies/keys');
const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
const proxyUrl = () => page.getByTestId('proxy-url').innerText();

const { browser, shop } = withShopAndBrowser(async (browser) => {
  context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SHOP });
  page = await openPage(context, errors);
});

test('land, choose a tier, sign in, pay, get the key, build and copy a URL, rotate, sign out', async () => {
  // Land and choose a tier while signed out: the shop asks for an email first.
  await page.goto(SHOP);
  await page.getByRole('heading', { level: 1, name: 'Acme Mobile Proxies' }).waitFor();
  await screenshot(page, 'journey-1-landing-desktop');
  await page.getByRole('link', { name: 'Buy Pro', exact: true }).click();
  await page.waitForURL(/\/signin\?next=%2Fcheckout%2Fpro/);
  const seen = (await signInMails(EMAIL)).length;
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByRole('button', { name: /email me|send|sign in/i }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the sign-in page');

  // The link from the simulator's outbox; "Continue" resumes the checkout of the chosen tier.
  await page.goto(await signInLink(EMAIL, seen));
  await page.getByRole('button', { name: 'Continue' }).click();

  // Minting is slowed down so the provisioning state is visible for a moment.
  await simJson('/_sim/proxies/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'latency', ms: 4000, method: 'POST', path: '/reseller/pool-keys', count: 1 }),
  });
  await page.waitForURL(`${SIM}/stripe/checkout/**`);
  await page.getByRole('button', { name: 'Pay', exact: true }).waitFor();
  await screenshot(page, 'journey-2-checkout-desktop');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();

  // Back on the dashboard: "setting up", then the key.
  await page.waitForURL(/\/dashboard\?session_id=cs_/);
  await page.getByRole('heading', { name: /Setting up your proxy key/ }).waitFor();
  await screenshot(page, 'journey-3-provisioning-desktop');
  await page.getByRole('heading', { name: 'Your proxy credentials' }).waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => location.pathname === '/dashboard' && location.search === '');
  const [minted] = await upstreamKeys();
  assert.ok(minted, 'a key was minted upstream');
  const mask = await page.getByTestId('key').innerText();
  assert.equal(mask, `${minted.key.slice(0, 8)}…${minted.key.slice(-4)}`, 'the key is shown masked');
  assert.ok(!(await page.content()).includes(minted.key), 'the secret is not in the page before it is revealed');

  // Build a URL: Germany, sticky session "journey_1" (typed with a dash first: the shop proposes a valid one).
  await page.getByLabel('Country').selectOption('de');
  await page.getByLabel('Rotation').selectOption('sticky');
  await page.getByLabel('Sticky session id (sid)').fill('Journey-1');
  await page.getByRole('button', { name: 'Use “journey_1”' }).click();
  assert.equal(await page.getByLabel('Sticky session id (sid)').inputValue(), 'journey_1');
  const shown = await proxyUrl();
  assert.equal(shown, `http://psx_acme-mbl-de-sid-journey_1-rot-sticky:${mask}@gw.proxies.sx:7000`);
  assert.deepEqual(await axeViolations(page), [], 'axe on the dashboard');
  await screenshot(page, 'journey-4-dashboard-desktop');

  // The builder remembers the choices in this browser: a reload builds the same URL.
  await page.reload();
  await page.getByTestId('proxy-url').filter({ hasText: 'sid-journey_1' }).waitFor();
  assert.equal(await page.getByLabel('Country').inputValue(), 'de');
  assert.equal(await page.getByLabel('Rotation').inputValue(), 'sticky');
  assert.equal(await page.getByLabel('Sticky session id (sid)').inputValue(), 'journey_1');

  // No valid URL, nothing to copy: the button is off and says why.
  await page.getByLabel('Sticky session id (sid)').fill('');
  const copyUrl = page.getByRole('button', { name: 'Copy URL' });
  assert.equal(await copyUrl.isDisabled(), true);
  assert.equal(await proxyUrl(), '—');
  const why = await copyUrl.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${why}`).innerText(), /Sticky rotation needs a session id/);
  await page.getByLabel('Sticky session id (sid)').fill('journey_1');

  // Copy it: the clipboard gets the real secret, and a screen reader hears "copied".
  await page.getByRole('button', { name: 'Copy URL' }).click();
  await page.getByRole('status').filter({ hasText: 'Proxy URL copied to the clipboard.' }).waitFor();
  const copied = await clipboard();
  assert.equal(copied, `http://psx_acme-mbl-de-sid-journey_1-rot-sticky:${minted.key}@gw.proxies.sx:7000`);

  // Rotate (signed in moments ago, so no fresh link is needed): the old key dies, the URL changes.
  await page.getByRole('button', { name: 'Rotate key…' }).click();
  await page.getByRole('dialog', { name: 'Rotate your key?' }).waitFor();
  await page.getByRole('button', { name: 'Rotate now' }).click();
  await page.getByText('Your key was rotated.').waitFor();
  const [rotated] = await upstreamKeys();
  assert.notEqual(rotated!.key, minted.key, 'the platform has a new secret');
  const newMask = `${rotated!.key.slice(0, 8)}…${rotated!.key.slice(-4)}`;
  await page.getByTestId('key').filter({ hasText: newMask }).waitFor();
  assert.equal(await proxyUrl(), `http://psx_acme-mbl-de-sid-journey_1-rot-sticky:${newMask}@gw.proxies.sx:7000`);
  await page.getByRole('button', { name: 'Copy URL' }).click();
  await page.waitForFunction((old) => navigator.clipboard.readText().then((t) => t !== old), copied);
  assert.equal(await clipboard(), `http://psx_acme-mbl-de-sid-journey_1-rot-sticky:${rotated!.key}@gw.proxies.sx:7000`);

  // The same dashboard at 360 px: nothing scrolls sideways.
  await assertCleanOnPhone(page, 'the dashboard', 'journey-5-dashboard-mobile');

  // Sign out: back on the shop, signed out, and the dashboard asks to sign in again.
  await page.getByRole('region', { name: 'Account' }).getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForFunction(() => location.pathname === '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
  await page.goto(`${SHOP}/dashboard`);
  await page.waitForFunction(() => location.pathname === '/signin' && location.search === '?next=%2Fdashboard');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.deepEqual(errors, []);
});

test('rotating after an old sign-in: an emailed link brings the customer back to the confirmation', async () => {
  const email = 'reauth@example.com';
  const ctx = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const tab = await openPage(ctx, errors);
  await tab.goto(`${SHOP}/checkout/starter`);
  await tab.getByLabel('Email address').fill(email);
  await tab.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await tab.goto(await signInLink(email, 0));
  await tab.getByRole('button', { name: 'Continue' }).click();
  await tab.getByRole('button', { name: 'Pay', exact: true }).click();
  await tab.getByRole('heading', { name: 'Your proxy credentials' }).waitFor({ timeout: 20_000 });
  const before = await tab.getByTestId('key').innerText();

  // The sign-in is now 11 minutes old (the shop's local D1, as the clock would leave it).
  shop().d1(`update sessions set signed_in_at = ${Date.now() - 11 * 60_000}`);

  await tab.getByRole('button', { name: 'Rotate key…' }).click();
  await tab.getByRole('button', { name: 'Rotate now' }).click();
  await tab.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await tab.getByText('Check your inbox: open the link').waitFor();
  assert.equal(await tab.getByTestId('key').innerText(), before, 'nothing rotated without a fresh sign-in');

  await tab.goto(await signInLink(email, 1));
  await tab.getByRole('button', { name: 'Continue' }).click();
  await tab.getByRole('dialog', { name: 'Rotate your key?' }).waitFor();
  await tab.getByRole('button', { name: 'Rotate now' }).click();
  await tab.getByText('Your key was rotated.').waitFor();
  assert.notEqual(await tab.getByTestId('key').innerText(), before);
  await ctx.close();
  assert.deepEqual(errors, []);
});

test('terms, privacy and an unknown page render at both widths', async () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto(`${SHOP}/terms`);
    await page.getByRole('heading', { level: 1, name: 'Terms of service' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], `axe on the terms (${name})`);
    await page.getByText('Acme Proxies Ltd', { exact: false }).first().waitFor();
    await screenshot(page, `terms-${name}`);
    await page.goto(`${SHOP}/privacy`);
    await page.getByRole('heading', { level: 1, name: 'Privacy policy' }).waitFor();
    await page.goto(`${SHOP}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await screenshot(page, `not-found-${name}`);
  }
  assert.deepEqual(errors, []);
});
