// Refunds as Stripe reports them, one refund object at a time: a refund takes its share of the order's GB back,
// and a refund that fails later (the card was closed: `refund.failed`) gives them back, because the money stayed
// with the shop. Each refund counts once, whatever Stripe repeats or reorders.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  auditRows,
  buy,
  customerIdOf,
  deliverEachEvent,
  orderRow,
  resetSimulators,
  type SimEvents,
  settled,
  signIn,
  sim,
  stripeAct,
  upstreamCapOf,
  upstreamKeyOf,
} from '../support/index.ts';

beforeEach(resetSimulators);

describe('a refund that fails', () => {
  it('gives the GB back, once, however its events are repeated or reordered', async () => {
    const email = 'refund-fails@example.com';
    const cookie = await signIn(email);
    await buy(cookie, 'starter');
    const pro = await buy(cookie, 'pro');
    const id = await customerIdOf(email);
    const order = await env.DB.prepare('select id from orders where stripe_session_id = ?')
      .bind(pro)
      .first<{ id: string }>();

    const refunded = (await stripeAct(pro, 'refund', { amount: 3450 })) as SimEvents & { refund: string };
    expect(refunded.events.map((e) => e.type)).toEqual(['refund.created', 'charge.refunded']);
    await deliverEachEvent(refunded.events);
    expect(await orderRow(order!.id)).toMatchObject({ status: 'paid', refunded_amount: 3450, refunded_gb: 5 });
    expect((await upstreamCapOf(id)).cap).toBe(6);

    // The bank could not return the money: the refund fails and its amount is the shop's again.
    const failed = await sim<SimEvents>(`/_sim/stripe/refunds/${refunded.refund}/fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'expired_or_canceled_card' }),
    });
    expect(failed.events.map((e) => e.type)).toEqual(['refund.updated', 'refund.failed']);
    await deliverEachEvent([...failed.events].reverse());
    expect(await orderRow(order!.id)).toMatchObject({ status: 'paid', refunded_amount: 0, refunded_gb: 0 });
    expect((await upstreamCapOf(id)).cap).toBe(11);
    // The refund's creation delivered again changes nothing: a failed refund stays failed.
    await deliverEachEvent(refunded.events);
    expect(await orderRow(order!.id)).toMatchObject({ refunded_amount: 0, refunded_gb: 0 });
    expect(
      await env.DB.prepare('select status, failure_reason from refunds where id = ?').bind(refunded.refund).first(),
    ).toEqual({
      status: 'failed',
      failure_reason: 'expired_or_canceled_card',
    });
    expect((await auditRows(id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['order.refunded', 'order.refund_failed']),
    );
  });

  it('of a whole order re-enables the key it had switched off', async () => {
    const email = 'refund-whole-fails@example.com';
    const cookie = await signIn(email);
    const pro = await buy(cookie, 'pro');
    const id = await customerIdOf(email);
    const refunded = (await stripeAct(pro, 'refund')) as SimEvents & { refund: string };
    await deliverEachEvent(refunded.events);
    await settled(id);
    expect(await upstreamKeyOf(id)).toMatchObject({ enabled: false });
    const failed = await sim<SimEvents>(`/_sim/stripe/refunds/${refunded.refund}/fail`, { method: 'POST' });
    await deliverEachEvent(failed.events);
    await settled(id);
    expect(await upstreamKeyOf(id)).toMatchObject({ enabled: true, trafficCapGB: 10 });
    expect(
      await env.DB.prepare("select status from orders where customer_id = ? and kind = 'purchase'").bind(id).first(),
    ).toEqual({ status: 'paid' });
  });
});
