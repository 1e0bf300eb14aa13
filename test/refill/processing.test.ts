// A saved payment method that settles slowly (a bank debit): the off-session top-up is `processing` for days. The
// shop keeps the one PaymentIntent it got and waits for Stripe's webhook: no second payment, whatever the cron does
// meanwhile and however long Stripe has forgotten the idempotency key; when the debit settles, one order is paid.
// A create-and-confirm whose answer was lost is looked up, not sent again, once Stripe's 24 h key window is over.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/clock.ts';
import { getConfig } from '../../src/config/index.ts';
import { withOverrides } from '../../src/services/index.ts';
import { createStripeClient } from '../../src/stripe/client.ts';
import {
  count,
  deliverEachEvent,
  fireCron,
  resetSimulators,
  settled,
  setUsage,
  sim,
  waitForMailAbout,
} from '../support/index.ts';
import {
  advanceStripeClock,
  bankSays,
  capOf,
  GB,
  offSessionIntents,
  settleDebit,
  subscriber,
  view,
} from './support.ts';

const HOUR = 3_600_000;

/** The shop running `hours` after `start`: the Stripe simulator's clock has moved as far. */
const shopAt = (start: number, hours: number) => withOverrides(env, { clock: clockFrom(start + hours * HOUR) });

const autoTopUpOrders = (customerId: string) =>
  count(
    'select o.id from orders o join auto_top_up_charges c on c.order_id = o.id where o.customer_id = ?',
    customerId,
  );

beforeEach(resetSimulators);

describe('a top-up paid by bank debit', () => {
  it('left processing for 48 simulated hours makes exactly one PaymentIntent, and one order when it succeeds', async () => {
    const { id, cookie, upstreamId, stripeCustomer } = await subscriber('atu-debit@example.com');
    await bankSays('processing', stripeCustomer);
    await setUsage(upstreamId, 9 * GB);
    const start = Date.now();
    await fireCron(start);
    const [debit, ...others] = await offSessionIntents(stripeCustomer);
    expect(others).toEqual([]);
    expect(debit).toMatchObject({ status: 'processing', amount: 6900 });
    expect(await view(cookie)).toMatchObject({ charges: [expect.objectContaining({ state: 'processing' })] });

    // Two days of cron runs while the bank settles; Stripe forgets the idempotency key after 24 h of them.
    let hoursGone = 0;
    for (const hour of [0.1, 1, 6, 12, 23, 24.5, 25, 30, 36, 47, 48]) {
      await advanceStripeClock(hour - hoursGone);
      hoursGone = hour;
      await fireCron(start + hour * HOUR);
    }
    expect(await offSessionIntents(stripeCustomer)).toHaveLength(1);
    expect(await count('select * from auto_top_up_charges where customer_id = ?', id)).toBe(1);
    // Its GB stayed reserved: no second top-up was due meanwhile.
    expect(await count('select * from orders where customer_id = ? and payment_settling = 1', id)).toBe(1);

    await deliverEachEvent((await settleDebit(debit!.id, 'succeeded')).events, shopAt(start, 48));
    await settled(id);
    expect(await capOf(id)).toBe(20);
    expect(await autoTopUpOrders(id)).toBe(1);
    expect(await count("select * from orders where customer_id = ? and status = 'paid'", id)).toBe(2);
    await fireCron(start + 49 * HOUR);
    expect(await offSessionIntents(stripeCustomer)).toHaveLength(1);
    expect(await view(cookie)).toMatchObject({ charges: [expect.objectContaining({ state: 'succeeded' })] });
  });

  it('returned by the bank days later pauses auto top-up and asks the customer to pay once', async () => {
    const email = 'atu-debit-returned@example.com';
    const { id, cookie, upstreamId, stripeCustomer } = await subscriber(email);
    await bankSays('processing', stripeCustomer);
    await setUsage(upstreamId, 9 * GB);
    await fireCron();
    const [debit] = await offSessionIntents(stripeCustomer);
    await advanceStripeClock(72);
    await deliverEachEvent((await settleDebit(debit!.id, 'failed')).events, shopAt(Date.now(), 72));
    expect((await view(cookie)).paused).toMatchObject({ reason: 'payment_failed' });
    expect((await waitForMailAbout(email, /auto top-up is paused/)).text).toContain('the payment did not go through');
    expect(await count("select * from orders where customer_id = ? and status = 'failed'", id)).toBe(1);
  });

  it('a charge whose answer was lost is looked up past Stripe’s 24 h key window, never made twice', async () => {
    const { id, upstreamId, stripeCustomer } = await subscriber('atu-lost-answer@example.com');
    await setUsage(upstreamId, 9 * GB);
    // Stripe makes the payment, but its answer comes after the shop stopped waiting.
    const { apiUrl, secretKey } = getConfig(env).stripe;
    const impatient = withOverrides(env, {
      stripe: createStripeClient({ apiUrl, secretKey, timeoutMs: 300, maxNetworkRetries: 0 }),
    });
    await sim('/_sim/stripe/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, slowMs: 1500 }),
    });
    const start = Date.now();
    await fireCron(start, impatient);
    expect(await offSessionIntents(stripeCustomer)).toHaveLength(1);
    expect(await count("select * from auto_top_up_charges where customer_id = ? and state = 'charging'", id)).toBe(1);

    // A day and more later, Stripe no longer knows the key: the shop finds the payment it made and records it.
    await advanceStripeClock(25);
    await fireCron(start + 25 * HOUR);
    expect(await offSessionIntents(stripeCustomer)).toHaveLength(1);
    expect(await count("select * from auto_top_up_charges where customer_id = ? and state = 'succeeded'", id)).toBe(1);
    expect(await autoTopUpOrders(id)).toBe(1);
    // The order it paid raises the key at the next run's reconcile, as a webhook's would.
    await fireCron(start + 25 * HOUR + 10 * 60_000);
    expect(await capOf(id)).toBe(20);
  }, 15_000);
});
