// Every page and dialog of the dashboard and the console on a phone (360 px), with the longest names the shop allows:
// a 64-character address and a 40-character plan name. On each, nothing scrolls sideways, no text is cut off, runs
// out of its box or wraps inside a word, no select cuts its option, the brand shows whole, and axe finds nothing.
// Along the way the customer's history gets each kind of row (a purchase, one partly refunded, one disputed, an auto
// top-up, a grant), and the dashboard and the console label each for what it is; a suspended customer reads why, in
// the operator's words, and is offered nothing to buy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { until } from '../devkit/until.ts';
import {
  assertClean,
  brokenText,
  fireCron,
  newestKey,
  openPage,
  reloadUntil,
  SHOP,
  SIM,
  saveCardForAutoTopUp,
  signInLink,
  signInOnPage,
  simJson,
  simPost,
  VIEWPORTS,
  withShopAndBrowser,
} from './harness.ts';

/** The longest tier name the config allows (40 characters). */
const LONG_TIER = 'Enterprise Mobile Proxies, Extended Plan';
/** A 64-character address. */
const EMAIL = 'alexandra.konstantinopoulou-smit@procurement.company-example.com';
const OPERATOR = 'admin@example.com';
const PRICING = {
  currency: 'usd',
  tiers: [
    { id: 'starter', name: 'Starter', gb: 1, price: 900, validityDays: 30, tagline: 'Try it out' },
    {
      id: 'extended',
      name: LONG_TIER,
      gb: 10,
      price: 6900,
      validityDays: 30,
      tagline: 'For daily scraping',
      highlight: true,
    },
  ],
};

const { browser } = withShopAndBrowser(undefined, { PRICING: JSON.stringify(PRICING) });
const errors: string[] = [];
let customerContext: BrowserContext;
let customer: Page;
let operator: Page;

/** The page as it is now, at 360 px (assertClean); its screenshot is `phone-<name>.png`. */
const assertPhone = (page: Page, what: string, name: string) => assertClean(page, what, `phone-${name}`);

/** Opens the dialog behind `opener`, checks it as `assertPhone` does, and cancels it. */
async function assertCleanDialog(page: Page, opener: Locator, title: string | RegExp, name: string): Promise<void> {
  await opener.click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  await assertPhone(page, `the dialog “${title}”`, name);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The brand's whole name is in the header, on one screen with the page. */
async function assertBrandShown(page: Page): Promise<void> {
  const brand = page.getByRole('link', { name: 'Acme Mobile Proxies home' });
  assert.equal((await brand.innerText()).trim(), 'Acme Mobile Proxies');
}

test('a customer with the longest address buys the longest plan and turns on auto top-up, all on a phone', async () => {
  customerContext = await browser().newContext({ viewport: VIEWPORTS.mobile });
  customer = await openPage(customerContext, errors);

  // Sign in: the confirm page names the whole address.
  await customer.goto(`${SHOP}/signin?next=%2Fdashboard`);
  await customer.getByLabel('Email address').fill(EMAIL);
  await customer.getByRole('button', { name: /email me/i }).click();
  await customer.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await assertPhone(customer, 'the sign-in page', 'signin');
  await customer.goto(await signInLink(EMAIL, 0));
  await customer.getByRole('button', { name: `Continue as ${EMAIL}` }).waitFor();
  await assertPhone(customer, 'the sign-in confirm page', 'verify');
  await customer.getByRole('button', { name: `Continue as ${EMAIL}` }).click();
  await customer.getByRole('heading', { name: 'You have no proxy key yet' }).waitFor();
  await assertBrandShown(customer);
  await assertPhone(customer, 'the dashboard without a key', 'dashboard-empty');

  // The longest plan, on the simulated Checkout.
  await customer.getByRole('link', { name: `Buy ${LONG_TIER}` }).click();
  await customer.waitForURL(`${SIM}/stripe/checkout/**`);
  await customer.getByRole('button', { name: 'Pay', exact: true }).click();
  await customer.getByRole('heading', { name: 'Your proxy credentials' }).waitFor({ timeout: 20_000 });

  // Auto top-up of the same plan; the purchase that saves the card is the second one.
  const panel = customer.getByRole('region', { name: 'Never run dry' });
  await panel.getByRole('radio', { name: new RegExp(`^${LONG_TIER} · 10 GB`) }).check();
  await panel.getByLabel('GB left', { exact: true }).fill('2');
  await panel.getByRole('button', { name: 'Turn on auto top-up' }).click();
  await saveCardForAutoTopUp(customer, panel);

  // 19 of 20 GB used: the cron's auto top-up buys the plan again, and the cap grows to 30 GB.
  await simPost(`/_sim/proxies/keys/${(await newestKey()).id}/usage`, { usedMB: 19 * 1024 });
  await fireCron();
  await until(newestKey, (key) => key.trafficCapGB === 30, { timeoutMs: 20_000, what: 'the cap at 30 GB' });

  // An API token, so its page and the console's token list have one.
  await customer.goto(`${SHOP}/dashboard/api`);
  await customer.getByLabel('Token name').fill('nightly scraper for the procurement team');
  await customer.getByRole('button', { name: 'Make token' }).click();
  await customer.getByRole('group', { name: 'Your new API token' }).waitFor();
  await assertBrandShown(customer);
  await assertPhone(customer, 'the API page', 'api');
  await assertCleanDialog(
    customer,
    customer.getByRole('row', { name: /nightly scraper/ }).getByRole('button', { name: /Revoke/ }),
    /^Revoke “nightly scraper/,
    'api-revoke-dialog',
  );
  assert.deepEqual(errors, []);
});

test('the operator’s console on a phone: every page and dialog, a grant, a refund and a dispute', async () => {
  const context = await browser().newContext({ viewport: VIEWPORTS.mobile });
  operator = await openPage(context, errors);
  await signInOnPage(operator, OPERATOR, '/admin');
  await operator.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await operator.getByRole('img', { name: /Revenue per day/ }).waitFor();
  await assertBrandShown(operator);
  // Every tab is on screen, none scrolled out of sight.
  const tabs = operator.getByRole('navigation', { name: 'Console' });
  assert.ok(await tabs.evaluate((nav) => nav.scrollWidth <= nav.clientWidth), 'the console’s tabs fit the screen');
  await assertPhone(operator, 'the console overview', 'console-overview');

  await tabs.getByRole('link', { name: 'Customers' }).click();
  await operator.getByRole('searchbox', { name: /Search customers/ }).fill('alexandra.konstantinopoulou');
  await operator.getByRole('button', { name: 'Search', exact: true }).click();
  await operator.getByRole('row').filter({ hasText: EMAIL }).waitFor();
  await assertPhone(operator, 'the customer list', 'console-customers');

  await operator.getByRole('link', { name: EMAIL }).click();
  await operator.getByRole('heading', { level: 1, name: EMAIL }).waitFor();
  await operator.getByRole('img', { name: /Traffic in and out/ }).waitFor();
  const actions = operator.getByRole('region', { name: 'Actions' });
  for (const [open, name] of [
    ['Suspend', 'suspend'],
    ['Grant free GB', 'grant'],
    ['Re-run fulfilment', 'rerun'],
    ['Rotate key', 'rotate'],
    ['Resend sign-in link', 'resend'],
  ] as const)
    await assertCleanDialog(
      operator,
      actions.getByRole('button', { name: `${open}…` }),
      open,
      `customer-${name}-dialog`,
    );
  const purchases = operator.getByRole('region', { name: 'Purchases and grants' });
  await assertCleanDialog(
    operator,
    purchases.getByRole('button', { name: 'Refund…' }).first(),
    /^Refund /,
    'customer-refund-dialog',
  );
  await assertCleanDialog(
    operator,
    operator.getByRole('region', { name: 'API tokens' }).getByRole('button', { name: /Revoke/ }),
    /^Revoke “nightly scraper/,
    'customer-revoke-token-dialog',
  );

  // A grant without extra days, a refund of part of the first purchase, a dispute of the second.
  await actions.getByRole('button', { name: 'Grant free GB…' }).click();
  const grant = operator.getByRole('dialog', { name: 'Grant free GB' });
  await grant.getByLabel('GB', { exact: true }).fill('5');
  await grant.getByRole('button', { name: 'Grant', exact: true }).click();
  await grant.waitFor({ state: 'hidden' });
  const bought = purchases.getByRole('row').filter({ hasText: 'Purchase' });
  await bought.last().getByRole('button', { name: 'Refund…' }).click();
  const refund = operator.getByRole('dialog', { name: /^Refund / });
  await refund.getByLabel('Amount (USD)').fill('34.50');
  await refund.getByRole('button', { name: 'Refund in Stripe', exact: true }).click();
  await refund.waitFor({ state: 'hidden' });
  const sessions = await simJson<{ id: string; customer_details: { email: string } | null }[]>('/_sim/stripe/sessions');
  const second = sessions.filter((s) => s.customer_details?.email === EMAIL).at(-1);
  assert.ok(second, 'the purchase that saved the card');
  await simPost(`/_sim/stripe/sessions/${second.id}/dispute`, { amount: 1380 });

  // Each row says what it is, and what a refund or a dispute did to it.
  await reloadUntil(operator, operator.url(), () => purchases.getByText('Disputed', { exact: true }));
  const rows = await purchases.getByRole('row').allInnerTexts();
  const row = (pattern: RegExp) => rows.filter((r) => pattern.test(r));
  assert.equal(row(/Auto top-up/).length, 1, rows.join('\n'));
  assert.match(row(/Free GB from the shop/).join(), /Free traffic · 5 GB/);
  assert.doesNotMatch(row(/Free GB from the shop/).join(), /0 days/);
  assert.match(row(/Partly refunded/).join(), /5 GB refunded \(\$34\.50\)/);
  assert.match(row(/Disputed/).join(), /2 GB held by a dispute/);
  await assertPhone(operator, 'the customer’s page', 'customer');

  await tabs.getByRole('link', { name: 'Audit log' }).click();
  // The customer's own actions name them by address, not by id.
  await operator
    .getByRole('row')
    .filter({ hasText: 'auto_top_up.on' })
    .filter({ has: operator.getByText(EMAIL, { exact: true }) })
    .first()
    .waitFor();
  assert.equal(
    await operator
      .getByRole('table')
      .getByText(/customer:/)
      .count(),
    0,
    'no one named by an id',
  );
  await assertPhone(operator, 'the audit log', 'console-audit');
  await operator.setViewportSize(VIEWPORTS.desktop);
  assert.deepEqual(await brokenText(operator), [], 'text of the audit log at 1280 px');
  await operator.setViewportSize(VIEWPORTS.mobile);
  await tabs.getByRole('link', { name: 'Pricing' }).click();
  await operator.getByRole('row', { name: new RegExp(LONG_TIER) }).waitFor();
  await assertPhone(operator, 'the pricing page', 'console-pricing');
  assert.deepEqual(errors, []);
});

test('the customer’s dashboard on a phone labels each kind of row, and every dialog fits', async () => {
  await customer.goto(`${SHOP}/dashboard`);
  await customer.getByRole('heading', { name: 'Your proxy credentials' }).waitFor({ timeout: 20_000 });
  const history = customer.getByRole('table', { name: 'Purchases, newest first' });
  await history.getByText('Disputed', { exact: true }).waitFor();
  const rows = await history.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 4, rows.join('\n'));
  assert.match(rows[0]!, /Free GB from the shop\s+Free traffic · 5 GB[\s\S]*Free[\s\S]*Granted/);
  assert.match(rows[1]!, new RegExp(`Auto top-up\\s+${LONG_TIER} · 10 GB · 30 days[\\s\\S]*\\$69\\.00[\\s\\S]*Paid`));
  assert.match(rows[2]!, /Purchase[\s\S]*Disputed[\s\S]*2 GB held by a dispute/);
  assert.match(rows[3]!, /Purchase[\s\S]*Partly refunded[\s\S]*5 GB refunded \(\$34\.50\)/);
  // Its receipt says so too.
  await history.locator('tbody tr').nth(1).getByText('Receipt').click();
  await history.locator('tbody tr').nth(1).getByText('Auto top-up', { exact: true }).last().waitFor();

  // The chart, once the platform's series shows the traffic (the shop reuses its answer for up to a minute).
  const forecast = customer.getByText(/the traffic (runs out around|lasts beyond the key’s expiry)/);
  await until(
    async () => {
      await customer.reload();
      await customer.getByRole('img', { name: /Traffic in and out, last \d+ days/ }).waitFor();
      return forecast.isVisible();
    },
    (shown) => shown,
    { timeoutMs: 120_000, intervalMs: 2000, what: 'the forecast under the traffic chart' },
  );
  await assertBrandShown(customer);
  await assertPhone(customer, 'the dashboard', 'dashboard');
  await assertCleanDialog(
    customer,
    customer.getByRole('button', { name: 'Rotate key…' }),
    'Rotate your key?',
    'rotate-dialog',
  );
  await assertCleanDialog(
    customer,
    customer.getByRole('region', { name: 'Account' }).getByRole('button', { name: 'Sign out everywhere…' }),
    'Sign out everywhere?',
    'sign-out-everywhere-dialog',
  );
  assert.deepEqual(errors, []);
});

test('a suspended customer reads why, in the operator’s words, and is offered nothing to buy', async () => {
  await operator.goto(`${SHOP}/admin/customers?q=alexandra.konstantinopoulou`);
  await operator.getByRole('link', { name: EMAIL }).click();
  await operator.getByRole('region', { name: 'Actions' }).getByRole('button', { name: 'Suspend…' }).click();
  const dialog = operator.getByRole('dialog', { name: 'Suspend' });
  await dialog.getByLabel(/Reason/).fill('Chargeback under review.');
  await dialog.getByRole('button', { name: 'Suspend now' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await customer.goto(`${SHOP}/dashboard`);
  const banner = customer.getByRole('alert').filter({ hasText: 'Your account is suspended' });
  assert.equal(
    await banner.locator('p').innerText(),
    'Your account is suspended, so your proxy key is switched off and no traffic can be bought. The shop gave this ' +
      'reason: “Chargeback under review”. Contact support to sort it out.',
  );
  await customer.getByRole('region', { name: 'Never run dry' }).getByRole('checkbox').waitFor();
  assert.equal(await customer.getByRole('link', { name: /^Buy/ }).count(), 0, 'no Buy link');
  assert.equal(await customer.getByRole('heading', { name: 'Auto top-up' }).count(), 0, 'no auto top-up to turn on');
  await assertPhone(customer, 'the suspended customer’s dashboard', 'dashboard-suspended');
  assert.deepEqual(errors, []);
});
