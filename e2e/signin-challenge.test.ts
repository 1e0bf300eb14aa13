// Sign-in under pressure in a real browser: the sign-in page fetches nothing from Cloudflare until the shop asks for
// the challenge; then it loads Turnstile's script from challenges.cloudflare.com (its one allowed URL, under the page's
// CSP), renders the widget explicitly, sends the request again with the widget's token, and the link arrives.
// Cloudflare is out of reach here, so its two URLs are answered by a stand-in that does what the documented test
// sitekey does (https://developers.cloudflare.com/turnstile/troubleshooting/testing/): a visible widget that passes at
// once with the dummy token, in a frame from challenges.cloudflare.com.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  openPage,
  SHOP,
  screenshot,
  signInLink,
  signInMails,
  signInOnPage,
  VIEWPORTS,
  withShopAndBrowser,
} from './harness.ts';

const { browser, shop } = withShopAndBrowser();
const CLOUDFLARE = 'https://challenges.cloudflare.com';

/** The documented test sitekey's behaviour, as explicit rendering's API (turnstile.render / remove). */
const STAND_IN = `window.turnstile = {
  render(container, options) {
    const frame = document.createElement('iframe');
    frame.title = 'Widget containing a Cloudflare security challenge';
    frame.src = '${CLOUDFLARE}/cdn-cgi/challenge-platform/turnstile/widget?sitekey=' + options.sitekey;
    frame.onload = () => options.callback('XXXX.DUMMY.TOKEN.XXXX');
    container.appendChild(frame);
    return 'widget-1';
  },
  remove() {},
};`;

/** Every request the page makes to Cloudflare, answered by the stand-in. */
async function standInForCloudflare(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route(`${CLOUDFLARE}/**`, (route) => {
    const url = route.request().url();
    asked.push(url);
    const script = url.includes('/turnstile/v0/api.js');
    return route.fulfill({
      status: 200,
      contentType: script ? 'text/javascript' : 'text/html',
      body: script ? STAND_IN : '<!doctype html><p>Success!</p>',
    });
  });
  return asked;
}

test('without pressure the sign-in page asks nothing of Cloudflare', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  const asked = await standInForCloudflare(page);
  await signInOnPage(page, 'calm@example.com', '/dashboard');
  assert.equal(asked.length, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('under pressure a new address passes Turnstile, and its link arrives', async () => {
  // The last hour's sign-in mail at the threshold (LOGIN_CHALLENGE_AFTER, 50 by default).
  const rows = Array.from(
    { length: 50 },
    (_, i) =>
      `('seed-${i}', 'someone-${i}@example.com', 'seeded', 'seeded-hash-${i}', ${Date.now() - 60_000}, ${Date.now() + 14 * 60_000})`,
  );
  shop().d1(
    `insert into login_tokens (id, email, requester, token_hash, created_at, expires_at) values ${rows.join(', ')}`,
  );
  const email = 'newcomer@example.com';
  const context = await browser().newContext({ viewport: VIEWPORTS.mobile });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  const asked = await standInForCloudflare(page);
  await page.goto(`${SHOP}/signin`);
  assert.equal(asked.length, 0, 'nothing from Cloudflare before the shop asks for the challenge');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();

  // The shop asked: the page loads Turnstile's script from its one URL, and the widget's frame passes at once.
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  assert.deepEqual(asked, [
    `${CLOUDFLARE}/turnstile/v0/api.js?render=explicit`,
    `${CLOUDFLARE}/cdn-cgi/challenge-platform/turnstile/widget?sitekey=1x00000000000000000000AA`,
  ]);
  assert.match(await page.locator('main').innerText(), new RegExp(`sending a sign-in link to ${email}`));
  const link = await signInLink(email, 0);
  assert.equal((await signInMails(email)).length, 1, 'one token, one request, one link');
  await page.goto(link);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${SHOP}/dashboard`);
  assert.deepEqual(errors, [], 'no CSP violation or script error');
  await context.close();
});

test('under pressure the page asks for the challenge first, and says so', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.mobile });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  // Cloudflare never answers: the page says what happened instead of waiting forever.
  await page.route(`${CLOUDFLARE}/**`, (route) => route.abort());
  await page.goto(`${SHOP}/signin`);
  await page.getByLabel('Email address').fill('offline-newcomer@example.com');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'One more step' }).waitFor();
  assert.match(await page.locator('main').innerText(), /New here\? Confirm you are a person/);
  await page.getByRole('alert').getByText('The check did not load').waitFor();
  await screenshot(page, 'signin-challenge-mobile');
  assert.equal((await signInMails('offline-newcomer@example.com')).length, 0, 'no link before the challenge');
  await context.close();
});
