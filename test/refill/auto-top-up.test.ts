// Auto top-up end to end: a Checkout saves the card, the cron charges it off-session once per trigger (however many
// runs overlap and however often Stripe replays the webhook), within the monthly limit; a card the bank refuses
// pauses it with the right mail, and a payment the customer finishes on Stripe's page saves the card again and
// resumes it.
import { beforeEach, describe, expect, it } from 'vitest';
import type { PurchasesAnswer } from '../../src/shared/billing.ts';
import {
  buyTier,
  call,
  count,
  customerIdOf,
  deliver,
  deliverEachEvent,
  fireCron,
  keysOf,
  mailQueuedByCron,
  outboxFor,
  recordedCapOf,
  resetSimulators,
  settled,
  setUsage,
  signIn,
  sim,
  startCheckout,
  stripeAct,
  waitForMailAbout,
} from '../support/index.ts';
import {
  bankSays,
  GB,
  intentDeliveries,
  offSessionIntents,
  stripeCustomerOf,
  subscriber,
  turnOn,
  view,
} from './support.ts';

beforeEach(async () => {
  await resetSimulators();
});

describe('auto top-up', () => {
  // A purchase, a charge, four deliveries and the receipt mail: longer than vitest's 5 s on a busy machine.
  it('charges the saved card once per trigger under concurrent cron runs and replayed webhooks', async () => {
    const { cookie, id, upstreamId, stripeCustomer } = await subscriber('atu-once@example.com');
    expect(await view(cookie)).toMatchObject({ enabled: true, cardSaved: true, paused: null });

    // Nothing due: no charge, no Stripe call.
    await fireCron();
    expect(await offSessionIntents(stripeCustomer)).toEqual([]);

    await setUsage(upstreamId, 9 * GB);
    await Promise.all([fireCron(), fireCron()]);
    const [intent, ...others] = await offSessionIntents(stripeCustomer);
    expect(others).toEqual([]);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 6900 });

    // Stripe delivers payment_intent.succeeded, and replays it three times at once.
    const [delivery] = await intentDeliveries(intent!.id, 'payment_intent.succeeded');
    const answers = await Promise.all([deliver(delivery!), deliver(delivery!), deliver(delivery!)]);
    const results = await Promise.all(answers.map((r) => r.json<{ result: string }>()));
    expect(results.filter((r) => r.result === 'applied')).toHaveLength(1);
    await settled(id);
    expect(await recordedCapOf(id)).toBe(20);
    expect(await count("select * from orders where customer_id = ? and status = 'paid'", id)).toBe(2);
    const seen = (await outboxFor('atu-once@example.com')).length;
    expect(seen).toBeGreaterThan(0);
    // The receipt and the purchase history say auto top-up bought it, not the customer at a Checkout.
    const receipt = await waitForMailAbout('atu-once@example.com', /^Auto top-up: Pro \(10 GB\) added to your/);
    expect(receipt.text).toContain('auto top-up bought Pro: 10 GB of mobile proxy traffic');
    expect(receipt.text).toContain('Charged $69.00 to your saved card');
    const { purchases } = await (await call('/api/purchases', { cookie })).json<PurchasesAnswer>();
    expect(purchases.map((p) => [p.kind, p.tierName, p.status])).toEqual([
      ['auto_top_up', 'Pro', 'paid'],
      ['checkout', 'Pro', 'paid'],
    ]);

    // The trigger is met no more (11 GB left): later runs charge nothing.
    await Promise.all([fireCron(), fireCron()]);
    expect(await offSessionIntents(stripeCustomer)).toHaveLength(1);
    expect(await view(cookie)).toMatchObject({
      spentThisMonth: 6900,
      charges: [expect.objectContaining({ state: 'succeeded', amount: 6900 })],
    });
  }, 20_000);

  it('never passes the monthly limit', async () => {
    const { id, upstreamId, stripeCustomer } = await subscriber('atu-limit@example.com', { monthlyLimit: 6900 });
    await setUsage(upstreamId, 9 * GB);
    await fireCron();
    const [intent] = await offSessionIntents(stripeCustomer);
    await deliverEachEvent([{ id: (await intentDeliveries(intent!.id, 'payment_intent.succeeded'))[0]!.eventId }]);
    await settled(id);
    // 19 of 20 GB used: due again, but a second Pro would pass the month's limit of one.
    await setUsage(upstreamId, 19 * GB);
    await fireCron();
    await fireCron();
    expect(await offSessionIntents(stripeCustomer)).toHaveLength(1);
    expect(await count('select * from auto_top_up_charges where customer_id = ?', id)).toBe(1);
  });

  it('a charge Stripe did not answer is sent again with the same idempotency key, and charged once', async () => {
    const { upstreamId, stripeCustomer, id } = await subscriber('atu-retry@example.com');
    await setUsage(upstreamId, 9 * GB);
    // stripe-node retries a 5xx once: two failing calls lose the answer.
    await sim('/_sim/stripe/outage', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 2 }),
    });
    await fireCron();
    expect(await offSessionIntents(stripeCustomer)).toEqual([]);
    expect(await count("select * from auto_top_up_charges where customer_id = ? and state = 'charging'", id)).toBe(1);
    await fireCron(Date.now() + 3 * 60_000);
    await fireCron(Date.now() + 6 * 60_000);
    expect(await offSessionIntents(stripeCustomer)).toHaveLength(1);
    expect(await count("select * from auto_top_up_charges where customer_id = ? and state = 'succeeded'", id)).toBe(1);
  });
});

describe('when the bank wants the customer', () => {
  it("pauses on authentication_required, mails once, and resumes after the customer pays on Stripe's page", async () => {
    const email = 'atu-sca@example.com';
    const { cookie, id, upstreamId, stripeCustomer } = await subscriber(email);
    await bankSays('authentication_required', stripeCustomer);
    await setUsage(upstreamId, 9 * GB);
    const queued = await mailQueuedByCron();
    expect(queued.filter((m) => m.kind === 'auto_top_up_paused')).toEqual([
      expect.objectContaining({
        to: email,
        reason: 'authentication_required',
        payUrl: 'https://shop.test/checkout/pro',
        amount: 6900,
      }),
    ]);
    const mail = await waitForMailAbout(email, /auto top-up is paused/);
    expect(mail.text).toContain('your bank wants you to confirm the payment yourself');
    expect(await view(cookie)).toMatchObject({
      paused: { reason: 'authentication_required', payUrl: 'https://shop.test/checkout/pro' },
    });
    expect(await count("select * from orders where customer_id = ? and status = 'failed'", id)).toBe(1);

    // Stripe's payment_intent.payment_failed, replayed: no second pause, no second mail.
    const [intent] = await offSessionIntents(stripeCustomer);
    // Off-session, a payment that needs authentication fails back to requires_payment_method (Stripe's rule).
    expect(intent!.status).toBe('requires_payment_method');
    for (const d of await intentDeliveries(intent!.id, 'payment_intent.payment_failed')) {
      expect((await deliver(d)).status).toBe(200);
      expect((await deliver(d)).status).toBe(200);
    }
    expect(await count('select * from auto_top_up_charges where customer_id = ? and notified_at is not null', id)).toBe(
      1,
    );
    // Paused: the cron charges nothing more.
    expect((await mailQueuedByCron()).filter((m) => m.kind === 'auto_top_up_paused')).toEqual([]);
    expect(await offSessionIntents(stripeCustomer)).toHaveLength(1);

    // The customer follows the link: Stripe's hosted checkout for Pro, which saves the card again.
    await bankSays('succeeded', stripeCustomer);
    const sessionId = await startCheckout(cookie, 'pro');
    await deliverEachEvent((await stripeAct(sessionId, 'pay')).events);
    await settled(id);
    expect(await view(cookie)).toMatchObject({ paused: null, cardSaved: true, enabled: true });
    expect(await recordedCapOf(id)).toBe(20);

    // Resumed: the next trigger charges the new card.
    await setUsage(upstreamId, 19 * GB);
    await fireCron();
    const intents = await offSessionIntents(stripeCustomer);
    expect(intents.map((pi) => pi.status)).toEqual(['requires_payment_method', 'succeeded']);
    expect(intents[1]!.payment_method).not.toBe(intents[0]!.payment_method);
  });

  it('pauses on a declined card with the decline in the mail and the dashboard', async () => {
    const email = 'atu-decline@example.com';
    const { cookie, upstreamId, stripeCustomer } = await subscriber(email);
    await bankSays('card_declined', stripeCustomer);
    await setUsage(upstreamId, 9 * GB);
    await fireCron();
    expect((await waitForMailAbout(email, /auto top-up is paused/)).text).toContain('your card was declined');
    const paused = await view(cookie);
    expect(paused.paused).toMatchObject({ reason: 'card_declined', text: expect.stringMatching(/declined/) });
    expect(paused.charges[0]).toMatchObject({ state: 'failed', failure: 'card_declined' });
  });

  it('with no card saved yet, asks the customer to pay once instead of charging', async () => {
    const email = 'atu-nocard@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    await buyTier(cookie, id, 'pro');
    await turnOn(cookie);
    const [key] = await keysOf(id);
    await setUsage(key!.upstream_id!, 9 * GB);
    const queued = await mailQueuedByCron();
    expect(queued.filter((m) => m.kind === 'auto_top_up_paused')).toEqual([
      expect.objectContaining({ reason: 'no_card' }),
    ]);
    expect(await offSessionIntents(await stripeCustomerOf(id))).toEqual([]);
  });
});

describe('settings', () => {
  it('turns off in one click, checks the choice against the shop, and shows the operator', async () => {
    const cookie = await signIn('atu-settings@example.com');
    const bad = await call('/api/auto-top-up', {
      method: 'PUT',
      json: { tierId: 'pro', trigger: 'gb_left', threshold: 2, monthlyLimit: 100 },
      cookie,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { code: string; message: string } }>()).error).toMatchObject({
      code: 'invalid_auto_top_up',
      message: expect.stringMatching(/monthly limit/),
    });
    const unknown = await call('/api/auto-top-up', {
      method: 'PUT',
      json: { tierId: 'nope', trigger: 'days_left', threshold: 3, monthlyLimit: 10_000 },
      cookie,
    });
    expect(unknown.status).toBe(400);
    expect((await turnOn(cookie, { trigger: 'days_left', threshold: 3 })).choice).toMatchObject({
      trigger: 'days_left',
      threshold: 3,
    });
    const admin = await signIn('admin@example.com');
    const id = await customerIdOf('atu-settings@example.com');
    const seen = await call(`/api/admin/customers/${id}/auto-top-up`, { cookie: admin });
    expect(await seen.json()).toMatchObject({ enabled: true, choice: { tierId: 'pro', trigger: 'days_left' } });
    expect((await call(`/api/admin/customers/${id}/auto-top-up`, { cookie })).status).toBe(403);

    const off = await call('/api/auto-top-up', { method: 'DELETE', cookie });
    expect(await off.json()).toMatchObject({ enabled: false });
    expect((await call('/api/auto-top-up')).status).toBe(401);
  });
});
