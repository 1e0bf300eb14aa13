// A rollover's grace ended early in a real browser: the customer's rotation during the grace switches the old key
// off too, and its confirmation says so before and after; an operator ends a grace from the console, after a
// confirmation that says what will happen, and the audit log records it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, screenshot, signInOnPage, VIEWPORTS, withShopAndBrowser } from './harness.ts';
import { mask, rollOver, upstreamKeysOf } from './rollover-kit.ts';

const { browser, shop } = withShopAndBrowser();

test('rotating during the grace ends the old key too, and the confirmation says so before and after', async () => {
  const email = 'rollover-rotate@example.com';
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const page = await openPage(context, errors);
  const first = await rollOver(shop(), page, email);
  const current = (await upstreamKeysOf(email)).find((k) => k.id !== first.id)!;

  await page.getByRole('button', { name: 'Rotate key…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate your key?' });
  await dialog.waitFor();
  const asked = await dialog.innerText();
  assert.match(asked, /The current key stops working immediately/);
  assert.ok(asked.includes(`Your previous key (${mask(first.key)}), which would have worked until`), asked);
  assert.match(asked, /stops working now too\. Its unused traffic moves to your new key/);
  assert.match(asked, /uses either old key must be updated/);
  await screenshot(page, 'rotate-in-grace-dialog-desktop');
  await dialog.getByRole('button', { name: 'Rotate now' }).click();

  const done = page.getByText(/^Your key was rotated\./);
  await done.waitFor();
  assert.match(await done.innerText(), new RegExp(`Your previous key \\(${mask(first.key)}\\) was switched off too`));
  const keys = await upstreamKeysOf(email);
  assert.equal(keys.find((k) => k.id === first.id)?.enabled, false, 'the previous key no longer works');
  assert.notEqual(keys.find((k) => k.id === current.id)?.key, current.key, 'the current key has a new secret');
  assert.equal(await page.getByRole('alert').filter({ hasText: 'You have a new proxy key' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an operator ends a grace early from the console, after a confirmation that says what happens', async () => {
  const email = 'rollover-end-grace@example.com';
  const context = await browser().newContext({ viewport: VIEWPORTS.desktop });
  const errors: string[] = [];
  const customer = await openPage(context, errors);
  const first = await rollOver(shop(), customer, email);
  const current = (await upstreamKeysOf(email)).find((k) => k.id !== first.id)!;

  const operator = await openPage(await browser().newContext({ viewport: VIEWPORTS.desktop }), errors);
  await signInOnPage(operator, 'admin@example.com', '/admin/customers');
  await operator.getByRole('link', { name: email }).click();
  await operator.getByRole('heading', { name: email }).waitFor();
  await operator.getByRole('button', { name: 'End grace now…' }).click();
  const dialog = operator.getByRole('dialog', { name: 'End the previous key’s grace?' });
  const asked = await dialog.innerText();
  assert.ok(asked.includes(`previous key (${mask(first.key)}, until `), asked);
  assert.match(asked, /stops working now instead of at the end of its grace/);
  assert.match(asked, /The current key is not changed/);
  await screenshot(operator, 'console-end-grace-dialog-desktop');
  await dialog.getByRole('button', { name: 'Switch it off now' }).click();
  await operator.getByText(`Grace ended. The previous key (${mask(first.key)}) is switched off now`).waitFor();

  const keys = await upstreamKeysOf(email);
  assert.equal(keys.find((k) => k.id === first.id)?.enabled, false, 'the previous key no longer works');
  assert.equal(keys.find((k) => k.id === current.id)?.key, current.key, 'the current key is untouched');
  // The message comes with the answer; the page's detail is read again after it.
  const previous = operator.getByRole('table', { name: 'Key generations' }).locator('tbody tr').nth(1);
  await previous.filter({ hasText: 'grace ended' }).waitFor();
  assert.match(await previous.innerText(), /^1\s.*grace ended .*switched off/s);
  assert.equal(await operator.getByRole('button', { name: 'End grace now…' }).count(), 0);
  await operator.getByRole('link', { name: 'Audit log' }).first().click();
  await operator.getByText('admin.end_grace').first().waitFor();

  await customer.reload();
  await customer.getByRole('heading', { name: 'Your proxy credentials' }).waitFor();
  assert.equal(await customer.getByRole('alert').filter({ hasText: 'You have a new proxy key' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
