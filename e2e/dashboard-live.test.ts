// The dashboard keeps itself current without wasting requests: usage refreshes every 30 s while the tab is
// visible, never while it is hidden, and catches up once when shown again. Pages do not shift as data arrives. Signing
// out cancels what the page still asks, so no request is refused on the way out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { waitFor } from '../devkit/until.ts';
import { buyOnCheckout, openPage, SHOP, signInOnPage, VIEWPORTS, withShopAndBrowser } from './harness.ts';

const { browser } = withShopAndBrowser();

function setVisibility(page: Page, state: 'visible' | 'hidden'): Promise<void> {
  return page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => value });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/** Cumulative layout shift so far (the Layout Instability API, as Core Web Vitals count it), and what moved. */
function layoutShift(page: Page): Promise<{ total: number; moved: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ total: number; moved: string[] }>((resolve) => {
        let total = 0;
        const moved: string[] = [];
        type Shift = PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
          sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
        };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            if (entry.hadRecentInput) continue;
            total += entry.value;
            for (const { node, previousRect, currentRect } of entry.sources) {
              const el = node as Element | null;
              moved.push(
                `${el ? `<${el.tagName.toLowerCase()} class="${el.className}">` : '(removed)'} y ${previousRect.y}→${currentRect.y}`,
              );
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ total, moved })));
      }),
  );
}

test('usage refreshes every 30 s only while the tab is visible', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, 'poller@example.com', '/dashboard');
  await page.clock.install();
  const refreshes: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/api/account') refreshes.push(req.url());
  });
  // The page comes with the account: the reload itself asks nothing, the first refresh comes 30 s later.
  await page.reload();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  const loaded = refreshes.length;
  assert.equal(loaded, 0, 'the page came with the account');

  await page.clock.runFor(31_000);
  await page.waitForResponse((res) => new URL(res.url()).pathname === '/api/account');
  assert.equal(refreshes.length, loaded + 1, 'one refresh after 30 s while visible');

  await setVisibility(page, 'hidden');
  await page.clock.runFor(5 * 60_000);
  const whileHidden = refreshes.length;
  // Shown again: exactly one catch-up refresh. Any refresh made while hidden would already be counted above it.
  const caughtUp = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/account');
  await setVisibility(page, 'visible');
  await caughtUp;
  assert.equal(whileHidden, loaded + 1, 'no refresh while hidden');
  assert.equal(refreshes.length, whileHidden + 1, 'one catch-up refresh when shown');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dashboard load is on the screen before any script runs and asks the shop nothing: the page comes with the account and who is signed in', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, 'one-check@example.com', '/dashboard');
  await page.getByRole('heading', { name: 'You have no proxy key yet' }).waitFor();
  // The page is whole before any script runs: in a second tab of the same browser (its one sign-in: the shop allows
  // five a minute from one network), with every script refused.
  const bare = await openPage(context, []);
  await bare.route('**/assets/*.js', (route) => route.abort());
  await bare.goto(`${SHOP}/dashboard`);
  await bare.getByRole('heading', { name: 'You have no proxy key yet' }).waitFor();
  await bare.getByRole('heading', { name: 'Plans' }).waitFor();
  assert.equal(await bare.getByText('Loading your dashboard…').count(), 0);
  await bare.close();
  const asked: string[] = [];
  page.on('request', (req) => {
    const { pathname } = new URL(req.url());
    if (pathname.startsWith('/api/')) asked.push(pathname);
  });
  await page.reload();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByText('one-check@example.com').waitFor();
  await page.getByRole('heading', { name: 'You have no proxy key yet' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, []);
  // The app took the page over: its buttons work (the account's "Sign out" is the app's).
  await page.getByRole('button', { name: 'Sign out', exact: true }).first().click();
  await page.waitForURL(`${SHOP}/`);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`the landing page and the dashboard do not shift while data arrives (${name})`, async () => {
    const context = await browser().newContext({ viewport });
    const page = await openPage(context, []);
    await page.goto(SHOP);
    await page.getByText('73 mobile online').waitFor();
    const landing = await layoutShift(page);
    await signInOnPage(page, `shift-${name}@example.com`, '/dashboard');
    await page.getByRole('heading', { name: 'Plans' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Plans' }).waitFor();
    const dashboard = await layoutShift(page);
    // 0.1 is the "good" threshold of Core Web Vitals.
    assert.ok(landing.total < 0.1, `landing CLS ${landing.total.toFixed(3)}: ${landing.moved.join(', ')}`);
    assert.ok(dashboard.total < 0.1, `dashboard CLS ${dashboard.total.toFixed(3)}: ${dashboard.moved.join(', ')}`);
    await context.close();
  });
}

test('signing out while the dashboard is still loading sends nothing after it, so nothing is answered 401', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, 'leaves-early@example.com', '/dashboard');
  await buyOnCheckout(page, 'starter');
  // The dashboard's other reads are held back, as on a slow network: the account has arrived, the rest has not.
  const held: Route[] = [];
  await page.route(/\/api\/(purchases|sessions|usage|reminders|auto-top-up)/, (route) => {
    held.push(route);
  });
  const refused: string[] = [];
  page.on('response', (res) => {
    if (res.status() === 401) refused.push(new URL(res.url()).pathname);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') refused.push(msg.text());
  });
  await page.reload();
  await page.getByRole('heading', { name: 'Your proxy credentials' }).waitFor();
  await waitFor(() => held.length >= 2, { what: 'the dashboard’s reads under way' });

  // The held reads go on the moment the shop has ended the session, before the page leaves: whatever the page still
  // asks then is refused, unless it has cancelled it.
  await page.route('**/api/auth/logout', async (route) => {
    const ended = await route.fetch();
    await Promise.all(
      held.map(async (read) => {
        await read.continue().catch(() => undefined);
        await read
          .request()
          .response()
          .catch(() => null);
      }),
    );
    await route.fulfill({ response: ended });
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${SHOP}/`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(refused, []);
  assert.deepEqual(errors, []);
  await context.close();
});
