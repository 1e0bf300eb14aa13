// Checkout options as vars: off by default; on, the Checkout Session offers promotion codes, Stripe Tax with tax IDs
// and the billing address, and an invoice; the order, the receipt and the console's revenue use what Stripe charged.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../src/shared/admin.ts';
import {
  call,
  customerIdOf,
  deliverEachEvent,
  resetSimulators,
  settled,
  signIn,
  sim,
  startCheckout,
  stripeAct,
  waitForMailAbout,
} from '../support/index.ts';

interface SimSession {
  allow_promotion_codes: boolean | null;
  automatic_tax: { enabled: boolean };
  tax_id_collection: { enabled: boolean } | null;
  billing_address_collection: string | null;
  invoice_creation: { enabled: boolean } | null;
  invoice: string | null;
}

const withOptions = {
  ...env,
  CHECKOUT_PROMOTION_CODES: 'true',
  CHECKOUT_AUTOMATIC_TAX: 'true',
  CHECKOUT_INVOICE: 'true',
} as unknown as Env;

const session = (id: string) => sim<SimSession>(`/_sim/stripe/sessions/${id}`);

beforeAll(async () => {
  await resetSimulators();
});

describe('checkout options', () => {
  it('are all off by default: no promotion codes, no tax, no invoice', async () => {
    const id = await startCheckout(await signIn('plain-checkout@example.com'), 'pro');
    expect(await session(id)).toMatchObject({
      allow_promotion_codes: null,
      automatic_tax: { enabled: false },
      tax_id_collection: null,
      invoice_creation: null,
    });
    // Without them, the simulated customer cannot use a promotion code.
    const refused = await fetch(`${env.SIM_URL}/_sim/stripe/sessions/${id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ discount: 500 }),
    });
    expect(refused.status).toBe(409);
  });

  it('on: the order, the receipt and the revenue are what Stripe charged after the code, with tax apart', async () => {
    const email = 'taxed@example.com';
    const cookie = await signIn(email);
    const customerId = await customerIdOf(email);
    const id = await startCheckout(cookie, 'pro', withOptions);
    expect(await session(id)).toMatchObject({
      allow_promotion_codes: true,
      automatic_tax: { enabled: true },
      tax_id_collection: { enabled: true },
      billing_address_collection: 'required',
      invoice_creation: { enabled: true },
    });

    // Pro is 69.00: a 9.00 promotion code, then 20 % tax on the 60.00 left.
    await deliverEachEvent((await stripeAct(id, 'pay', { discount: 900, taxPercent: 20 })).events);
    await settled(customerId);
    expect((await session(id)).invoice).toMatch(/^in_/);
    const order = await env.DB.prepare('select price, discount, tax, status from orders where customer_id = ?')
      .bind(customerId)
      .first();
    expect(order).toEqual({ price: 6000, discount: 900, tax: 1200, status: 'paid' });

    const receipt = await waitForMailAbout(email, /purchase: Pro/);
    expect(receipt.text).toContain('Plan $69.00, promotion code −$9.00, tax $12.00, total $72.00.');

    const admin = await signIn('admin@example.com');
    const overview = await (await call('/api/admin/overview', { cookie: admin })).json<Overview>();
    // Revenue is net of tax: only this file's one paid order.
    expect(overview.revenue).toEqual({ usd: 6000 });
  });
});
