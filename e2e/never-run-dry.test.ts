// Customers who never run dry, against `npm run dev` with its cron fired through wrangler's /__scheduled: one "80 %"
// reminder however often the cron runs, and auto top-up turned on in the dashboard buying more GB by itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations } from '../devkit/axe.ts';
import { until } from '../devkit/until.ts';
import {
  brokenText,
  buyOnCheckout,
  fireCron,
  mailArrived,
  newestKey,
  openPage,
  saveCardForAutoTopUp,
  screenshot,
  sidewaysScroll,
  signInOnPage,
  simJson,
  simPost,
  VIEWPORTS,
  withShopAndBrowser,
} from './harness.ts';

const { browser, shop } = withShopAndBrowser();

interface Mail {
  subject: string;
  text: string;
}

const outbox = (to: string) => simJson<Mail[]>(`/_sim/outbox?to=${encodeURIComponent(to)}`);

test('usage at 85 % of Pro: the cron mails one "80 %" reminder, and firing it again adds none', async () => {
  const email = 'reminded@example.com';
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, email, '/dashboard');
  await buyOnCheckout(page, 'pro');
  const key = await newestKey();
  await simPost(`/_sim/proxies/keys/${key.id}/usage`, { usedMB: 0.85 * 10 * 1024 });

  await fireCron();
  const first = await mailArrived(email, /80\s?%/);
  assert.equal(first.filter((m) => /80\s?%/.test(m.subject)).length, 1);
  await fireCron();
  // What the shop queued (each reminder is claimed in D1 and marked sent once queued) has all reached the outbox, and a
  // sign-in link queued after the second run has arrived too, before the outbox is counted.
  const [queued] = shop().d1<{ n: number }>(
    `select count(*) as n from reminders r join customers c on c.id = r.customer_id
     where c.email = '${email}' and r.kind = 'usage:80' and r.sent_at is not null`,
  );
  const again = await browser().newContext({ viewport: VIEWPORTS.desktop });
  await signInOnPage(await openPage(again, errors), email, '/dashboard');
  await again.close();
  const eighty = (mails: Mail[]) => mails.filter((m) => /80\s?%/.test(m.subject)).length;
  const after = await until(
    () => outbox(email),
    (mails) => eighty(mails) >= (queued?.n ?? 0),
    { timeoutMs: 30_000, intervalMs: 100, what: 'every queued 80 % reminder in the outbox' },
  );
  assert.equal(queued?.n, 1, 'the second run claimed another 80 % reminder');
  assert.equal(eighty(after), 1, 'the second run reminded again');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the reminder’s “Stop these reminders” link, opened and pressed in the browser, turns reminders off', async () => {
  // The customer the test above reminded: they open the link in their mail, in a browser that is not signed in.
  const email = 'reminded@example.com';
  const [reminder] = (await outbox(email)).filter((m) => /80\s?%/.test(m.subject));
  const link = /Stop these reminders: (\S+)/.exec(reminder?.text ?? '')?.[1];
  assert.ok(link, 'the reminder links to the unsubscribe page');
  const errors: string[] = [];
  const mailClient = await browser().newContext({ viewport: VIEWPORTS.mobile });
  const page = await openPage(mailClient, errors);
  await page.goto(link);
  // A page of the shop: its brand, header and footer, the address it is about.
  await page.getByRole('heading', { level: 1, name: 'Turn reminders off?' }).waitFor();
  await page.getByRole('link', { name: 'Acme Mobile Proxies home' }).waitFor();
  await page.getByRole('contentinfo').getByRole('link', { name: 'Terms' }).waitFor();
  await page.getByText(email).waitFor();
  assert.equal(await sidewaysScroll(page), 0, 'no horizontal scrolling at 360 px');
  assert.deepEqual(await axeViolations(page), [], 'axe on the unsubscribe page');
  await screenshot(page, 'unsubscribe-ask-mobile');
  await page.getByRole('button', { name: 'Turn reminders off' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reminders are off' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'axe on the page once reminders are off');
  await screenshot(page, 'unsubscribe-done-mobile');
  await mailClient.close();

  // Signed in, the dashboard's "Never run dry" says so.
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const dashboard = await openPage(context, errors);
  await signInOnPage(dashboard, email, '/dashboard');
  const reminders = dashboard
    .getByRole('region', { name: 'Never run dry' })
    .getByRole('checkbox', { name: /Email me when my traffic runs low/ });
  await reminders.waitFor();
  assert.equal(await reminders.isChecked(), false, 'reminders are off in the dashboard');
  assert.deepEqual(errors, []);
  await context.close();
});

test('auto top-up turned on in the dashboard buys Pro again when usage passes the trigger', async () => {
  const email = 'topped-up@example.com';
  const context = await browser().newContext({ viewport: VIEWPORTS.mobile });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  await signInOnPage(page, email, '/dashboard');
  await buyOnCheckout(page, 'pro');

  const panel = page.getByRole('region', { name: 'Never run dry' });
  await panel.getByRole('radio', { name: /^Pro · 10 GB/ }).check();
  await panel.getByLabel('When', { exact: true }).selectOption('gb_left');
  await panel.getByLabel('GB left', { exact: true }).fill('2');
  await panel.getByRole('button', { name: 'Turn on auto top-up' }).click();
  await saveCardForAutoTopUp(page, panel);

  const key = await newestKey();
  assert.equal(key.trafficCapGB, 20);
  await simPost(`/_sim/proxies/keys/${key.id}/usage`, { usedMB: 19 * 1024 });
  await fireCron();

  // The off-session charge's webhook pays the order and the reconcile raises the cap: 30 GB.
  await until(newestKey, (k) => k.trafficCapGB === 30, { timeoutMs: 20_000, intervalMs: 100, what: 'a 30 GB cap' });
  await page.reload();
  await page.getByText(/of 30 GB used/).waitFor({ timeout: 20_000 });
  const purchases = page.getByRole('table', { name: 'Purchases, newest first' });
  await purchases.waitFor();
  assert.equal(await purchases.locator('tbody tr').count(), 3);
  await panel.getByRole('table', { name: 'Auto top-up charges' }).getByText(/Paid/).waitFor();
  // At 360 px, with the panel's settings and charges shown: nothing scrolls sideways or breaks, and axe finds nothing.
  assert.equal(await sidewaysScroll(page), 0, 'no horizontal scrolling at 360 px');
  assert.deepEqual(await brokenText(page), [], 'text at 360 px');
  assert.deepEqual(await axeViolations(page), [], 'axe on the dashboard with auto top-up on');
  await screenshot(page, 'auto-top-up-mobile');
  assert.deepEqual(errors, []);
  await context.close();
});
