// A signed-out visitor in a real browser: no page logs a console error or makes a request that fails (nothing is
// filtered here, "Failed to load resource" included; the one answer exempted is an unknown page's own 404), the app's
// pages send them to sign in before any of the app loads, and the sign-in confirm page says which address a link
// signs in and where it goes, with a way out, so nobody signs into someone else's account by following their link.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, ConsoleMessage, Page, Response } from 'playwright-core';
import { SHOP, screenshot, signInLink, signInMails, VIEWPORTS, withShopAndBrowser } from './harness.ts';

const { browser } = withShopAndBrowser();

const NOT_FOUND_PAGE = '/no-such-page';
const SIGNED_OUT_PAGES = [
  '/',
  '/signin',
  '/signin?next=%2Fcheckout%2Fpro',
  '/terms',
  '/privacy',
  '/checkout/no-such-plan',
  '/auth/verify',
  `/auth/verify#token=${'A'.repeat(43)}`,
  NOT_FOUND_PAGE,
];

/** The one answer ≥ 400 that is right: the document of a page that does not exist is a 404 (and says so). */
function isNotFoundDocument(res: Response): boolean {
  const request = res.request();
  return (
    res.status() === 404 &&
    request.isNavigationRequest() &&
    request.frame() === res.frame().page().mainFrame() &&
    new URL(res.url()).pathname === NOT_FOUND_PAGE
  );
}

/** The browser's own console line for that same 404 document (any other resource's 404 has its own address). */
function isNotFoundDocumentLog(msg: ConsoleMessage): boolean {
  return (
    msg.text() === 'Failed to load resource: the server responded with a status of 404 (Not Found)' &&
    new URL(msg.location().url).pathname === NOT_FOUND_PAGE
  );
}

/** Every console error, page error, failed request and 4xx/5xx answer on `page` but the unknown page's 404. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !isNotFoundDocumentLog(msg)) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.method()} ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && !isNotFoundDocument(res))
      problems.push(`${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return problems;
}

async function freshPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

test('no signed-out page logs a console error or makes a failing request', async () => {
  const { context, page, problems } = await freshPage();
  for (const path of SIGNED_OUT_PAGES) {
    const before = problems.length;
    const document = await page.goto(`${SHOP}${path}`);
    // Adding only a #fragment to the last path stays on that page: no document is fetched.
    const status = path.includes('#') ? undefined : path === NOT_FOUND_PAGE ? 404 : 200;
    assert.equal(document?.status(), status, `the status of ${path}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems.slice(before), [], `on ${path}`);
  }
  // Asking for a link is part of a signed-out visit too.
  await page.goto(`${SHOP}/signin`);
  await page.getByLabel('Email address').fill('quiet-visitor@example.com');
  await page.getByRole('button', { name: /email me/i }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

/** The app's pages: a signed-out visit is answered with the sign-in page, which continues to the page afterwards. */
const APP_PAGES = [
  '/dashboard',
  '/dashboard?session_id=cs_test_abc',
  '/dashboard/api',
  '/admin',
  '/admin/customers?q=shopper',
  '/checkout/pro',
];

test('the app’s pages send a signed-out visitor to sign in, and none of the app loads', async () => {
  const { context, page, problems } = await freshPage();
  const appScripts: string[] = [];
  page.on('request', (req) => {
    if (/\/assets\/(app|main|Dashboard|AdminApp|Checkout|ApiPage)-/.test(req.url())) appScripts.push(req.url());
  });
  for (const path of APP_PAGES) {
    const before = problems.length;
    const document = await page.goto(`${SHOP}${path}`);
    const redirect = document?.request().redirectedFrom();
    assert.equal((await redirect?.response())?.status(), 302, `${path} is answered with a redirect`);
    assert.equal(page.url(), `${SHOP}/signin?next=${encodeURIComponent(path)}`);
    assert.equal(document?.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems.slice(before), [], `on ${path}`);
  }
  assert.deepEqual(appScripts, [], 'the app’s code is never downloaded');
  await context.close();
});

test('an address typed before the sign-in form’s script arrives still gets its link', async () => {
  const email = 'early-typist@example.com';
  const { context, page, problems } = await freshPage();
  // The form's island arrives late (a slow phone, a busy machine): the address goes into the Worker's form first.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/(?:[\w-]+\/)?SignIn-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${SHOP}/signin`, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Email address').fill(email);
  const send = page.getByRole('button', { name: /email me/i });
  assert.equal(await send.isDisabled(), true, 'the form cannot be sent before it is live');
  release();
  await send.click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await signInLink(email, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the confirm page names the address and where it goes, and "That’s not me" signs nobody in', async () => {
  const email = 'someone-elses-link@example.com';
  // The link someone else asked for, for their own address, on the way to a checkout.
  const request = await fetch(`${SHOP}/api/auth/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP },
    body: JSON.stringify({ email, next: '/checkout/scale' }),
  });
  assert.equal(request.status, 202);
  const link = await signInLink(email, 0);

  const { context, page, problems } = await freshPage();
  await page.goto(link);
  await page.getByText(`This link signs you in as ${email}`).waitFor();
  await page.getByText('the checkout of the Scale plan ($279.00)').waitFor();
  await screenshot(page, 'verify-confirm-desktop');
  await page.getByRole('button', { name: 'That’s not me' }).click();
  await page.getByRole('heading', { name: 'Nothing happened' }).waitFor();
  const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
  assert.deepEqual(me, { customer: null });

  // The owner's own link, on the other hand, signs in and continues where it said.
  const seen = (await signInMails(email)).length;
  await fetch(`${SHOP}/api/auth/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP },
    body: JSON.stringify({ email, next: '/dashboard' }),
  });
  const ownLink = await signInLink(email, seen);
  await page.goto('about:blank'); // as from the mail client: a new load, not a change of fragment
  await page.goto(ownLink);
  await page.getByText('then takes you to your dashboard').waitFor();
  await page.getByRole('button', { name: `Continue as ${email}` }).click();
  await page.waitForURL(`${SHOP}/dashboard`);
  assert.deepEqual(problems, []);
  await context.close();
});
