// Disputes: a chargeback holds the disputed GB out of the customer's cap; won gives them back, lost keeps them out.
// Each dispute counts once, whatever Stripe duplicates or reorders; the operator sees open disputes.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CustomerDetail, Overview } from '../../src/shared/admin.ts';
import {
  auditRows,
  buy,
  call,
  count,
  customerIdOf,
  decideDispute,
  deliver,
  deliverEachEvent,
  deliveries,
  disputeSession,
  keyRow,
  OPERATOR,
  orderOfSession,
  orderRow,
  redeliveries,
  resetSimulators,
  settled,
  signIn,
  upstreamCapOf,
  upstreamKeyOf,
} from '../support/index.ts';

beforeEach(async () => {
  await resetSimulators();
});

/** A customer with Starter (1 GB, $9) and Pro (10 GB, $69) paid and their key synced at 11 GB. */
async function customerWithTwoOrders(email: string) {
  const cookie = await signIn(email);
  await buy(cookie, 'starter');
  const pro = await buy(cookie, 'pro');
  const id = await customerIdOf(email);
  await settled(id);
  expect(await upstreamKeyOf(id)).toMatchObject({ trafficCapGB: 11, enabled: true });
  const order = await env.DB.prepare('select id from orders where stripe_session_id = ?')
    .bind(pro)
    .first<{ id: string }>();
  return { id, pro, proOrder: order!.id };
}

const disputeRow = (id: string) => env.DB.prepare('select * from disputes where id = ?').bind(id).first();

describe('a chargeback', () => {
  it('holds the disputed GB at once, and a won dispute gives them back', async () => {
    const { id, pro, proOrder } = await customerWithTwoOrders('dispute-won@example.com');
    const opened = await disputeSession(pro);
    expect(opened.events.map((e) => e.type)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn']);
    expect((await deliverEachEvent(opened.events.slice(0, 1))).map((r) => r.result)).toEqual(['applied']);
    expect(await upstreamCapOf(id)).toEqual({ cap: 1, enabled: true });
    expect(await orderRow(proOrder)).toMatchObject({ status: 'paid', held_gb: 10, refunded_gb: 0 });
    expect(await disputeRow(opened.dispute)).toMatchObject({ status: 'needs_response', held_gb: 10, closed_at: null });

    await deliverEachEvent(opened.events.slice(1));
    await deliverEachEvent((await decideDispute(opened.dispute, 'review')).events);
    expect(await upstreamCapOf(id)).toEqual({ cap: 1, enabled: true });

    const won = await decideDispute(opened.dispute, 'won');
    expect(won.events.map((e) => e.type)).toEqual(['charge.dispute.closed', 'charge.dispute.funds_reinstated']);
    await deliverEachEvent(won.events);
    expect(await upstreamCapOf(id)).toEqual({ cap: 11, enabled: true });
    expect(await orderRow(proOrder)).toMatchObject({ held_gb: 0 });
    expect(await disputeRow(opened.dispute)).toMatchObject({ status: 'won', held_gb: 0 });
    expect((await auditRows(id)).map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'dispute.created',
        'dispute.funds_withdrawn',
        'dispute.updated',
        'dispute.closed',
        'dispute.funds_reinstated',
      ]),
    );
  });

  it('of part of an order holds that share, rounded up to whole GB; lost keeps it out', async () => {
    const { id, pro, proOrder } = await customerWithTwoOrders('dispute-lost@example.com');
    // $34.51 of $69.00 is just over half of 10 GB: 6 GB are held, never 5.
    const opened = await disputeSession(pro, { amount: 3451 });
    await deliverEachEvent(opened.events);
    expect(await upstreamCapOf(id)).toEqual({ cap: 5, enabled: true });

    await deliverEachEvent((await decideDispute(opened.dispute, 'lost')).events);
    expect(await upstreamCapOf(id)).toEqual({ cap: 5, enabled: true });
    expect(await orderRow(proOrder)).toMatchObject({ held_gb: 6 });
    expect(await disputeRow(opened.dispute)).toMatchObject({
      status: 'lost',
      held_gb: 6,
      closed_at: expect.any(Number),
    });
  });

  it('of everything the customer bought switches the key off', async () => {
    const email = 'dispute-all@example.com';
    const cookie = await signIn(email);
    const pro = await buy(cookie, 'pro');
    const id = await customerIdOf(email);
    // On before: the key works with everything the customer bought.
    expect(await upstreamCapOf(id)).toEqual({ cap: 10, enabled: true });
    expect(await keyRow(id)).toMatchObject({ enabled: 1, cap_gb: 10 });

    await deliverEachEvent((await disputeSession(pro)).events);
    // Off after, on the platform and in the shop's record; nothing is left to hold.
    expect((await upstreamCapOf(id)).enabled).toBe(false);
    expect(await keyRow(id)).toMatchObject({ enabled: 0, sync_state: 'synced' });
    expect(await orderOfSession(pro)).toMatchObject({ status: 'paid', held_gb: 10 });
  });

  it('counts once and ends where the last decision says, whatever the delivery order', async () => {
    const { id, pro, proOrder } = await customerWithTwoOrders('dispute-order@example.com');
    const opened = await disputeSession(pro, { amount: 3450 });
    const won = await decideDispute(opened.dispute, 'won');
    const [created] = await deliveries({ eventId: opened.events[0]!.id });
    // The decision arrives first; then the opening, five copies at once; then everything again.
    await deliverEachEvent(won.events);
    const copies = await redeliveries(opened.events[0]!.id, 5);
    const answers = await Promise.all([created!, ...copies].map(deliver));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await deliverEachEvent([...opened.events, ...won.events]);
    expect(await disputeRow(opened.dispute)).toMatchObject({ status: 'won', held_gb: 0 });
    expect(await orderRow(proOrder)).toMatchObject({ held_gb: 0 });
    expect(await upstreamCapOf(id)).toEqual({ cap: 11, enabled: true });
    expect(await count('select * from disputes where order_id = ?', proOrder)).toBe(1);
  });

  it('lost, delivered before it was opened, stays lost and holds its GB once', async () => {
    const { id, pro, proOrder } = await customerWithTwoOrders('dispute-lost-first@example.com');
    const opened = await disputeSession(pro, { amount: 3450 });
    const lost = await decideDispute(opened.dispute, 'lost');
    await deliverEachEvent([...lost.events, ...opened.events, ...opened.events]);
    expect(await disputeRow(opened.dispute)).toMatchObject({ status: 'lost', held_gb: 5 });
    expect(await orderRow(proOrder)).toMatchObject({ held_gb: 5 });
    expect(await upstreamCapOf(id)).toEqual({ cap: 6, enabled: true });
  });
});

describe('an inquiry', () => {
  it('holds the GB while open and releases them when it closes without a chargeback', async () => {
    const { id, pro } = await customerWithTwoOrders('inquiry@example.com');
    const opened = await disputeSession(pro, { inquiry: true, reason: 'product_not_received' });
    expect(opened.events.map((e) => e.type)).toEqual(['charge.dispute.created']);
    await deliverEachEvent(opened.events);
    expect(await upstreamCapOf(id)).toEqual({ cap: 1, enabled: true });
    await deliverEachEvent((await decideDispute(opened.dispute, 'won')).events);
    expect(await disputeRow(opened.dispute)).toMatchObject({ status: 'warning_closed', held_gb: 0 });
    expect(await upstreamCapOf(id)).toEqual({ cap: 11, enabled: true });
  });
});

describe('the operator', () => {
  it('sees open disputes on the overview and every dispute on the customer page', async () => {
    const { id, pro, proOrder } = await customerWithTwoOrders('dispute-console@example.com');
    const operator = await signIn(OPERATOR);
    const overviewNow = async () => (await call('/api/admin/overview', { cookie: operator })).json<Overview>();
    const ofThisCustomer = (o: Overview) => o.disputes.list.filter((d) => d.customerId === id);
    const before = (await overviewNow()).disputes.open;
    const opened = await disputeSession(pro, { amount: 3450 });
    await deliverEachEvent(opened.events);

    const overview = await overviewNow();
    expect(overview.disputes.open).toBe(before + 1);
    expect(ofThisCustomer(overview)).toEqual([
      expect.objectContaining({
        id: opened.dispute,
        customerId: id,
        email: 'dispute-console@example.com',
        orderId: proOrder,
        amount: 3450,
        currency: 'usd',
        reason: 'fraudulent',
        status: 'needs_response',
        open: true,
        heldGb: 5,
      }),
    ]);
    const detail = await (await call(`/api/admin/customers/${id}`, { cookie: operator })).json<CustomerDetail>();
    expect(detail.disputes).toEqual([expect.objectContaining({ id: opened.dispute, open: true, heldGb: 5 })]);
    expect(detail.orders.find((o) => o.id === proOrder)).toMatchObject({ heldGb: 5, refundedGb: 0 });

    await deliverEachEvent((await decideDispute(opened.dispute, 'won')).events);
    const after = await overviewNow();
    expect(after.disputes.open).toBe(before);
    expect(ofThisCustomer(after)).toEqual([]);
    const closed = await (await call(`/api/admin/customers/${id}`, { cookie: operator })).json<CustomerDetail>();
    expect(closed.disputes).toEqual([expect.objectContaining({ status: 'won', open: false, heldGb: 0 })]);
  });
});
