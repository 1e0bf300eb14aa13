// A customer rolled onto a second key generation in a real browser, for the rollover tests: history inserted in the
// shop's local D1, two purchases on the simulated Checkout, usage set in the Proxies.sx simulator.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buyOnCheckout, type RunningShop, type SimKey, signInOnPage, simJson, simPost } from './harness.ts';

export const upstreamKeys = () => simJson<SimKey[]>('/_sim/proxies/keys');
export const upstreamKeysOf = async (email: string) =>
  (await upstreamKeys()).filter((k) => k.label.startsWith(`${email} (`));
export const mask = (secret: string) => `${secret.slice(0, 8)}…${secret.slice(-4)}`;

/**
 * Signs `email` in on the dashboard and rolls them over: 950 GB bought over the years (19 × Scale), one more Scale
 * here (1000 GB on the first key), 990 GB of it used, then another Scale, which goes on a new key. Returns the first
 * key (retiring, still working) once the dashboard's banner says so.
 */
export async function rollOver(shop: RunningShop, page: Page, email: string): Promise<SimKey> {
  await signInOnPage(page, email, '/dashboard');
  const tag = email.split('@')[0]!.replace(/\W/g, '_');
  const rows = Array.from(
    { length: 19 },
    (_, i) =>
      `('ord_history_${tag}_${i}', (select id from customers where email = '${email}'), 'purchase', 'paid', 'scale', 'Scale', 50, 27900, 'usd', 60, ${Date.now() - (20 - i) * 86_400_000}, ${Date.now() - (20 - i) * 86_400_000})`,
  );
  shop.d1(
    `insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, validity_days, created_at, paid_at) values ${rows.join(', ')}`,
  );
  await buyOnCheckout(page, 'scale');
  const [first] = await upstreamKeysOf(email);
  assert.equal(first?.trafficCapGB, 1000);
  await simPost(`/_sim/proxies/keys/${first!.id}/usage`, { usedMB: 990 * 1024 });
  await buyOnCheckout(page, 'scale');
  await page.getByRole('alert').filter({ hasText: 'You have a new proxy key' }).waitFor({ timeout: 20_000 });
  return first!;
}
