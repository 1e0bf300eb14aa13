// The operator console in a real browser: an operator signs in with the emailed link, finds a paying customer,
// suspends and unsuspends them and grants free GB; after each change the customer's own dashboard (in another
// browser) shows it. The operator refunds part of an order, and sees a chargeback held and then won. A customer
// who opens /admin gets the 403 page without ever downloading the console's code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../devkit/axe.ts';
import {
  brokenText,
  openPage,
  reloadUntil,
  SHOP,
  SIM,
  screenshot,
  sidewaysScroll,
  signInOnPage,
  simJson,
  VIEWPORTS,
  withShopAndBrowser,
} from './harness.ts';

let operatorContext: BrowserContext;
let customerContext: BrowserContext;
let operator: Page;
let customer: Page;
const errors: string[] = [];
const consoleRequests: string[] = [];
const OPERATOR = 'admin@example.com';
const CUSTOMER = 'shopper@example.com';

let browser: Browser;

withShopAndBrowser(async (launched) => {
  browser = launched;
  operatorContext = await launched.newContext({ viewport: VIEWPORTS.desktop });
  customerContext = await launched.newContext({ viewport: VIEWPORTS.desktop });
  operator = await openPage(operatorContext, errors);
  customer = await openPage(customerContext, errors);
  customer.on('request', (req) => {
    if (/\/assets\/(AdminApp|CustomerDetail)-/.test(req.url())) consoleRequests.push(req.url());
  });
});

/** The customer's dashboard, freshly loaded, once their key is shown. */
async function dashboard(): Promise<void> {
  await customer.goto(`${SHOP}/dashboard`);
  await customer.getByRole('heading', { name: 'Your proxy credentials' }).waitFor({ timeout: 20_000 });
}

/** Runs one console action on the open customer page: open its dialog, fill the form, confirm, read the answer. */
async function act(open: string, confirm: string, fill?: () => Promise<void>): Promise<string> {
  await operator.getByRole('button', { name: `${open}…` }).click();
  const dialog = operator.getByRole('dialog', { name: open });
  await dialog.waitFor();
  await fill?.();
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  return operator.getByRole('region', { name: 'Actions' }).locator('.banner.info').innerText();
}

test('an operator suspends, unsuspends and grants GB, and the customer’s dashboard follows each change', async () => {
  // A customer buys the Starter tier (1 GB) and has a working key.
  await signInOnPage(customer, CUSTOMER, '/checkout/starter');
  await customer.waitForURL(`${SIM}/stripe/checkout/**`);
  await customer.getByRole('button', { name: 'Pay', exact: true }).click();
  await customer.waitForURL(/\/dashboard/);
  await dashboard();
  await customer.getByText(/of 1 GB used/).waitFor();

  // The operator signs in and lands on the console's overview.
  await signInOnPage(operator, OPERATOR, '/admin');
  await operator.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await operator.getByRole('img', { name: /Revenue per day, last 30 days: \$9\.00 in total/ }).waitFor();
  assert.deepEqual(await axeViolations(operator), [], 'axe on the console overview');
  await screenshot(operator, 'admin-1-overview-desktop');

  // Customers → search → the customer's page.
  await operator.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Customers' }).click();
  await operator.getByRole('searchbox', { name: /Search customers/ }).fill('shopper');
  await operator.getByRole('button', { name: 'Search', exact: true }).click();
  await operator.waitForURL(/\/admin\/customers\?q=shopper/);
  const row = operator.getByRole('row').filter({ hasText: CUSTOMER });
  await row.getByText('Active').waitFor();
  await screenshot(operator, 'admin-2-customers-desktop');
  await row.getByRole('link', { name: CUSTOMER }).click();
  await operator.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();

  // Suspend: the key is switched off, and the dashboard says why.
  const suspended = await act('Suspend', 'Suspend now', () => operator.getByLabel(/Reason/).fill('Unpaid invoice'));
  assert.match(suspended, /Suspended\. The proxy key now matches\./);
  await operator.locator('.status').filter({ hasText: 'Suspended' }).first().waitFor();
  await screenshot(operator, 'admin-3-customer-suspended-desktop');
  await dashboard();
  await customer.getByRole('alert').filter({ hasText: 'Your account is suspended' }).waitFor();
  // Their own key being off comes before the platform's incidents, and the credentials say so too.
  const keyOff = customer.locator('.dashboard .banner').first();
  assert.match(
    await keyOff.locator('p').innerText(),
    /^Your account is suspended, so your proxy key is switched off and no traffic can be bought\. The shop gave this reason: “Unpaid invoice”\. Contact support to sort it out\.$/,
  );
  // Buying more would not switch it back on: the banner offers support, not a purchase.
  assert.deepEqual(await keyOff.getByRole('link').allInnerTexts(), ['Contact support']);
  assert.ok((await customer.locator('.dashboard .banner').count()) > 1, 'the simulator’s incidents are shown too');
  await customer
    .getByRole('region', { name: 'Your proxy credentials' })
    .getByText('Switched off', { exact: true })
    .waitFor();
  assert.deepEqual(await axeViolations(customer), [], 'axe on the suspended customer’s dashboard');
  await screenshot(customer, 'admin-4-dashboard-suspended-desktop');

  // Unsuspend: the key works again.
  assert.match(await act('Unsuspend', 'Lift the suspension'), /Suspension lifted\. The proxy key now matches\./);
  await dashboard();
  await customer.getByText(/of 1 GB used/).waitFor();
  assert.equal(
    await customer
      .getByRole('alert')
      .filter({ hasText: /switched off/ })
      .count(),
    0,
  );

  // Grant 5 GB: the cap grows to 6 GB and the grant shows in the purchase history at no charge.
  assert.match(
    await act('Grant free GB', 'Grant', async () => {
      await operator.getByLabel('GB', { exact: true }).fill('5');
      await operator.getByLabel(/Note/).fill('Sorry for the outage');
    }),
    /Granted 5 GB\. The proxy key now matches\./,
  );
  await operator.getByRole('cell', { name: /^Free GB from the shop Free traffic · 5 GB/ }).waitFor();
  await dashboard();
  await customer.getByText(/of 6 GB used/).waitFor();
  const grantRow = customer
    .getByRole('region', { name: 'Purchases' })
    .getByRole('row')
    .filter({ hasText: 'Free GB from the shop' });
  await grantRow.waitFor();
  assert.match(await grantRow.innerText(), /Free traffic · 5 GB\s+Receipt\s+Free\s+Granted/);
  await screenshot(customer, 'admin-5-dashboard-granted-desktop');

  // Every action is in the audit log under the operator's name.
  await operator.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
  for (const action of ['admin.suspend', 'admin.unsuspend', 'admin.grant'])
    await operator
      .getByRole('row')
      .filter({ hasText: action })
      .filter({ has: operator.getByText(OPERATOR, { exact: true }) })
      .first()
      .waitFor();

  // The pricing view compares the tiers with the platform's wholesale rates.
  await operator.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Pricing' }).click();
  await operator
    .getByRole('row', { name: /Pro/ })
    .getByText(/\$2\.40 \(34\.8%\)/)
    .waitFor();

  // At 360 px nothing scrolls sideways, no text runs out of its cell or wraps inside a word, the tabs stay on one
  // line, and axe finds nothing.
  await operator.setViewportSize(VIEWPORTS.mobile);
  for (const path of ['/admin', '/admin/customers', '/admin/audit', '/admin/pricing']) {
    await operator.goto(`${SHOP}${path}`);
    const tabs = operator.getByRole('navigation', { name: 'Console' }).getByRole('link');
    await tabs.first().waitFor();
    await operator.locator('table, .stats').first().waitFor();
    await operator.waitForLoadState('networkidle');
    assert.equal(await sidewaysScroll(operator), 0, `no horizontal scrolling at 360 px on ${path}`);
    assert.deepEqual(await brokenText(operator), [], `text at 360 px on ${path}`);
    const tops = await tabs.evaluateAll((links) => links.map((l) => (l as HTMLElement).offsetTop));
    assert.equal(new Set(tops).size, 1, `the console's tabs on one line on ${path}`);
    assert.deepEqual(await axeViolations(operator), [], `axe at 360 px on ${path}`);
  }
  await operator.goto(`${SHOP}/admin/customers`);
  await operator.getByRole('link', { name: CUSTOMER }).click();
  await operator.getByRole('heading', { level: 1, name: CUSTOMER }).waitFor();
  await operator.waitForLoadState('networkidle');
  assert.deepEqual(await brokenText(operator), [], 'text at 360 px on the customer’s page');
  assert.deepEqual(await axeViolations(operator), [], 'axe at 360 px on the customer’s page');
  await screenshot(operator, 'admin-6-customers-mobile');
  assert.deepEqual(errors, []);
});

test('an operator refunds part of an order, and a chargeback holds GB until it is won', async () => {
  const PAYER = 'payer@example.com';
  const payer = await openPage(await browser.newContext({ viewport: VIEWPORTS.desktop }), errors);
  const payerDashboard = `${SHOP}/dashboard`;
  await signInOnPage(payer, PAYER, '/checkout/pro');
  await payer.waitForURL(`${SIM}/stripe/checkout/**`);
  await payer.getByRole('button', { name: 'Pay', exact: true }).click();
  await payer.waitForURL(/\/dashboard/);
  await reloadUntil(payer, payerDashboard, (p) => p.getByText(/of 10 GB used/));

  // The operator (signed in minutes ago) opens the customer's page and refunds $34.50 of the $69.00 Pro order.
  await operator.goto(`${SHOP}/admin/customers?q=payer`);
  await operator.getByRole('row').filter({ hasText: PAYER }).getByRole('link', { name: PAYER }).click();
  await operator.getByRole('heading', { level: 1, name: PAYER }).waitFor();
  const purchases = operator.getByRole('region', { name: 'Purchases and grants' });
  await purchases.getByRole('row').filter({ hasText: 'Pro' }).getByRole('button', { name: 'Refund…' }).click();
  const dialog = operator.getByRole('dialog', { name: /^Refund Pro/ });
  await dialog.getByLabel('Amount (USD)').fill('34.50');
  await dialog.getByText('The customer loses 5 GB of this order').waitFor();
  await screenshot(operator, 'admin-8-refund-dialog-desktop');
  await dialog.getByRole('button', { name: 'Refund in Stripe', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.match(
    await purchases.locator('.banner.info').innerText(),
    /Refund of \$34\.50 made in Stripe \(re_\w+\)\. The customer's cap drops by 5 GB/,
  );
  const customerPage = operator.url();
  await reloadUntil(operator, customerPage, (p) => p.getByText('5 GB refunded ($34.50)'));
  await reloadUntil(payer, payerDashboard, (p) => p.getByText(/of 5 GB used/));

  // The cardholder disputes $13.80 of the charge (2 GB): the shop holds them and flags the customer.
  const sessions = await simJson<{ id: string; customer_details: { email: string } | null }[]>('/_sim/stripe/sessions');
  const session = sessions.find((x) => x.customer_details?.email === PAYER);
  assert.ok(session, 'the payer’s checkout session');
  const { dispute } = await simJson<{ dispute: string }>(`/_sim/stripe/sessions/${session.id}/dispute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 1380 }),
  });
  await reloadUntil(operator, customerPage, (p) => p.getByText(/An open dispute: 2 GB are held/));
  await operator
    .getByRole('region', { name: 'Disputes' })
    .getByRole('row')
    .filter({ hasText: 'Needs a response' })
    .waitFor();
  await screenshot(operator, 'admin-9-customer-dispute-desktop');
  await reloadUntil(payer, payerDashboard, (p) => p.getByText(/of 3 GB used/));
  await operator.goto(`${SHOP}/admin`);
  await operator.getByRole('region', { name: 'Open disputes' }).getByRole('link', { name: PAYER }).waitFor();
  await screenshot(operator, 'admin-10-overview-dispute-desktop');

  // Won: the GB come back, the flag goes.
  await simJson(`/_sim/stripe/disputes/${dispute}/close`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome: 'won' }),
  });
  await reloadUntil(payer, payerDashboard, (p) => p.getByText(/of 5 GB used/));
  await reloadUntil(operator, customerPage, (p) =>
    p.getByRole('region', { name: 'Disputes' }).getByRole('row').filter({ hasText: 'Won' }),
  );
  assert.equal(await operator.getByText(/open dispute/).count(), 0);
  await operator.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
  await operator
    .getByRole('row')
    .filter({ hasText: 'admin.refund' })
    .filter({ has: operator.getByText(OPERATOR, { exact: true }) })
    .waitFor();
  assert.deepEqual(errors, []);
});

test('a customer who opens /admin gets the 403 page and never downloads the console', async () => {
  await customer.goto(`${SHOP}/admin`);
  await customer.getByRole('heading', { level: 1, name: '403: operators only' }).waitFor();
  await customer.goto(`${SHOP}/admin/customers`);
  await customer.getByRole('heading', { level: 1, name: '403: operators only' }).waitFor();
  await screenshot(customer, 'admin-7-forbidden-desktop');
  assert.deepEqual(consoleRequests, []);
  const res = await customer.request.get(`${SHOP}/api/admin/overview`);
  assert.equal(res.status(), 403);
  assert.deepEqual(errors, []);
});

test('an operator’s /admin is on the screen before any script runs, asks the shop nothing, and the console then works', async () => {
  // The page is whole without its scripts: in a second tab of the operator's browser, with every script refused.
  const bare = await openPage(operatorContext, []);
  await bare.route('**/assets/*.js', (route) => route.abort());
  await bare.goto(`${SHOP}/admin`);
  await bare.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await bare.getByRole('img', { name: /Revenue per day, last 30 days: \$\d+\.\d\d in total/ }).waitFor();
  await bare.getByText('Paying customers').waitFor();
  assert.equal(await bare.getByText('Loading…').count(), 0);
  await bare.close();

  const asked: string[] = [];
  operator.on('request', (req) => {
    const { pathname } = new URL(req.url());
    if (pathname.startsWith('/api/')) asked.push(pathname);
  });
  // Nothing the Worker rendered is taken away while the console takes the page over (no placeholder in between).
  await operator.addInitScript(() => {
    const removed: string[] = [];
    (window as unknown as { removedFigures: string[] }).removedFigures = removed;
    new MutationObserver((changes) => {
      for (const change of changes)
        for (const node of change.removedNodes)
          if (node instanceof Element && (node.matches('.stats, h1') || node.querySelector('.stats, h1')))
            removed.push(node.outerHTML.slice(0, 80));
    }).observe(document, { childList: true, subtree: true });
  });
  await operator.goto(`${SHOP}/admin`);
  await operator.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  // The header knows the operator from the page (their address is in it; a phone's header hides it).
  await operator.getByRole('navigation', { name: 'Main' }).getByText(OPERATOR).waitFor({ state: 'attached' });
  await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' }).waitFor();
  await operator.waitForLoadState('networkidle');
  assert.deepEqual(asked, []);
  assert.deepEqual(
    await operator.evaluate(() => (window as unknown as { removedFigures: string[] }).removedFigures),
    [],
  );

  // The app has taken the page over: its navigation and its pages work, and Refresh asks for the overview again.
  await operator.getByRole('button', { name: 'Refresh' }).click();
  await operator.waitForResponse((res) => new URL(res.url()).pathname === '/api/admin/overview');
  await operator.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Customers' }).click();
  await operator.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await operator.getByRole('row').filter({ hasText: CUSTOMER }).waitFor();
  assert.deepEqual(errors, []);
});
