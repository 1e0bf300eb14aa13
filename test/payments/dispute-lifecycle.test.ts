// A dispute's life after the first decision, as Stripe reports it: a lost chargeback can be appealed (it is open
// again, then won), or withdrawn by the cardholder (the money comes back: `charge.dispute.funds_reinstated`), and
// either gives the held GB back; Stripe's prevention resolves one with a refund. A dispute of a payment whose own
// event has not arrived yet is recorded against its order (found through the PaymentIntent), not dropped.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { clockFrom } from '../../src/clock.ts';
import { withOverrides } from '../../src/services/index.ts';
import {
  buy,
  customerIdOf,
  type Delivery,
  decideDispute,
  deliverEachEvent,
  disputeSession,
  orderRow,
  postWebhook,
  resetSimulators,
  type SimEvents,
  signIn,
  sim,
  startCheckout,
  stripeAct,
  upstreamCapOf,
} from '../support/index.ts';

const HOUR = 3_600_000;

beforeEach(resetSimulators);

const disputeRow = (id: string) => env.DB.prepare('select * from disputes where id = ?').bind(id).first();

/** The card network (or the merchant) moves a dispute on: appeal or withdraw a lost one. */
const moveDispute = (disputeId: string, action: 'appeal' | 'withdraw' | 'review') =>
  sim<SimEvents>(`/_sim/stripe/disputes/${disputeId}/${action}`, { method: 'POST' });

/** Days pass at Stripe: the next events are later ones (the shop's clock moves with it). */
async function later(hours: number, sinceStart: number) {
  await sim('/_sim/stripe/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceHours: hours }),
  });
  return withOverrides(env, { clock: clockFrom(Date.now() + sinceStart * HOUR) });
}

async function lostChargeback(email: string) {
  const cookie = await signIn(email);
  await buy(cookie, 'starter');
  const pro = await buy(cookie, 'pro');
  const id = await customerIdOf(email);
  const opened = await disputeSession(pro);
  await deliverEachEvent(opened.events);
  await deliverEachEvent((await decideDispute(opened.dispute, 'lost')).events);
  expect((await upstreamCapOf(id)).cap).toBe(1);
  return { id, dispute: opened.dispute };
}

describe('a lost chargeback', () => {
  it('appealed and won gives the GB back; the appeal shows as open meanwhile', async () => {
    const { id, dispute } = await lostChargeback('appeal-won@example.com');
    const shop = await later(24, 24);
    await deliverEachEvent((await moveDispute(dispute, 'appeal')).events, shop);
    expect(await disputeRow(dispute)).toMatchObject({ status: 'appeal_needs_response', closed_at: null, held_gb: 10 });
    await deliverEachEvent((await moveDispute(dispute, 'review')).events, shop);
    const decided = await later(72, 96);
    await deliverEachEvent((await decideDispute(dispute, 'won')).events, decided);
    expect(await disputeRow(dispute)).toMatchObject({ status: 'won', held_gb: 0 });
    expect((await upstreamCapOf(id)).cap).toBe(11);
  });

  it('withdrawn by the cardholder gives the GB back, and an old "lost" delivered again keeps it so', async () => {
    const { id, dispute } = await lostChargeback('withdrawn@example.com');
    const closed = (await sim<{ id: string; type: string }[]>('/_sim/stripe/events')).filter(
      (e) => e.type === 'charge.dispute.closed',
    );
    const shop = await later(48, 48);
    const withdrawn = await moveDispute(dispute, 'withdraw');
    expect(withdrawn.events.map((e) => e.type)).toEqual(['charge.dispute.funds_reinstated']);
    await deliverEachEvent(withdrawn.events, shop);
    expect(await disputeRow(dispute)).toMatchObject({ status: 'lost', funds_reinstated: 1, held_gb: 0 });
    expect((await upstreamCapOf(id)).cap).toBe(11);
    // Stripe delivers the old decision again (signed afresh): the money that came back stays back.
    for (const event of closed) {
      const [again] = await sim<Delivery[]>(`/_sim/stripe/events/${event.id}/deliver`, { method: 'POST' });
      expect((await postWebhook(again!.payload, again!.signature, shop)).status).toBe(200);
    }
    expect((await upstreamCapOf(id)).cap).toBe(11);
  });
});

describe('a dispute Stripe prevented with a refund', () => {
  it('holds nothing itself: the refund takes the GB back once', async () => {
    const email = 'prevented@example.com';
    const cookie = await signIn(email);
    await buy(cookie, 'starter');
    const pro = await buy(cookie, 'pro');
    const id = await customerIdOf(email);
    const prevented = await sim<SimEvents & { dispute: string }>(`/_sim/stripe/sessions/${pro}/dispute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prevented: true }),
    });
    await deliverEachEvent(prevented.events);
    expect(await disputeRow(prevented.dispute)).toMatchObject({ status: 'prevented', held_gb: 0 });
    expect((await upstreamCapOf(id)).cap).toBe(1);
  });
});

describe('a dispute before its payment’s event', () => {
  it('is recorded against the order found through its PaymentIntent, and holds the GB once paid', async () => {
    const email = 'dispute-early@example.com';
    const cookie = await signIn(email);
    await buy(cookie, 'starter');
    const sessionId = await startCheckout(cookie, 'pro');
    const paid = await stripeAct(sessionId, 'pay');
    const order = await env.DB.prepare('select id from orders where stripe_session_id = ?')
      .bind(sessionId)
      .first<{ id: string }>();
    // The chargeback's events arrive before checkout.session.completed (Stripe does not order its events).
    const opened = await disputeSession(sessionId);
    expect((await deliverEachEvent(opened.events)).map((r) => r.result)).toEqual(['applied', 'applied']);
    expect(await orderRow(order!.id)).toMatchObject({
      held_gb: 10,
      stripe_payment_intent_id: expect.stringMatching(/^pi_/),
    });
    await deliverEachEvent(paid.events);
    const id = await customerIdOf(email);
    expect((await upstreamCapOf(id)).cap).toBe(1);
  });
});
