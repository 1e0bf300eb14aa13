// A customer who stays for years: history never blocks a purchase. Past the cap ceiling the shop rolls them onto a
// new key, keeps the old one working through the grace period, then carries its unused GB over and deletes it —
// and no GB can be spent twice.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountAnswer, RevealAnswer } from '../../src/shared/dashboard.ts';
import {
  buy,
  call,
  customerIdOf,
  decideDispute,
  deliver,
  deliverEachEvent,
  deliveries,
  disputeSession,
  fireCron,
  keysOf,
  pay,
  resetSimulators,
  settled,
  setUsage,
  signIn,
  startCheckout,
  stripeAct,
  upstreamKey,
  waitForMailAbout,
} from '../support/index.ts';

/** Buys `tierId` through checkout, the Stripe simulator and the signed webhook, and waits for the keys. */
async function buyAs(cookie: string, tierId: string): Promise<string> {
  const sessionId = await buy(cookie, tierId);
  const { id } = (await env.DB.prepare('select customer_id as id from orders where stripe_session_id = ?')
    .bind(sessionId)
    .first<{ id: string }>())!;
  await settled(id);
  return sessionId;
}

const HOUR = 3_600_000;
const GB = 1024;

beforeEach(resetSimulators);

/** `count` paid 50 GB purchases from long ago, as history on no key yet (the next reconcile places them). */
async function history(customerId: string, count: number) {
  const statements = Array.from({ length: count }, (_, i) =>
    env.DB.prepare(
      "insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, validity_days, created_at, paid_at) values (?, ?, 'purchase', 'paid', 'scale', 'Scale', 50, 27900, 'usd', 60, ?, ?)",
    ).bind(
      `ord_hist_${customerId.slice(0, 8)}_${i}`,
      customerId,
      Date.now() - (count - i) * HOUR,
      Date.now() - (count - i) * HOUR,
    ),
  );
  await env.DB.batch(statements);
}

/**
 * A customer whose last Scale (50 GB) is on a retired key: 1000 GB on generation 1 with 900 used, then Pro on
 * generation 2; once the grace ended, the 100 unused GB were carried into generation 2 (cap 110).
 */
async function onARetiredKey(email: string) {
  const cookie = await signIn(email);
  const id = await customerIdOf(email);
  await history(id, 19);
  const last = await buyAs(cookie, 'scale');
  const [first] = await keysOf(id);
  await setUsage(first!.upstream_id!, 900 * GB);
  await buyAs(cookie, 'pro');
  await fireCron(Date.now() + 73 * HOUR);
  await fireCron(Date.now() + 74 * HOUR);
  const [retired, current] = await keysOf(id);
  expect(retired).toMatchObject({ state: 'retired', carried_out_gb: 100 });
  expect(await upstreamKey(current!.upstream_id)).toMatchObject({ trafficCapGB: 110 });
  return { id, last, current: current! };
}

describe('past the cap ceiling', () => {
  it('a customer with 1000 GB of history buys again, keeps the old key through the grace, and gets its unused GB carried over', async () => {
    const email = 'lifetime@example.com';
    const cookie = await signIn(email);
    const id = await customerIdOf(email);
    await history(id, 19);
    await buyAs(cookie, 'scale');
    const [first] = await keysOf(id);
    expect(first).toMatchObject({ generation: 1, state: 'current' });
    expect(await upstreamKey(first!.upstream_id)).toMatchObject({ trafficCapGB: 1000, enabled: true });

    // 990 of the 1000 GB used: 10 GB left. Before this shop knew generations, "You have 1000 GB" blocked them forever.
    await setUsage(first!.upstream_id!, 990 * GB);
    const sessionId = await startCheckout(cookie, 'scale');
    await pay(sessionId);
    await settled(id);

    const [old, fresh] = await keysOf(id);
    expect(old).toMatchObject({ generation: 1, state: 'retiring' });
    expect(old!.grace_until).toBeGreaterThan(Date.now() + 71 * HOUR);
    expect(fresh).toMatchObject({ generation: 2, state: 'current' });
    const oldKey = await upstreamKey(old!.upstream_id);
    const newKey = await upstreamKey(fresh!.upstream_id);
    expect(oldKey).toMatchObject({ trafficCapGB: 1000, enabled: true });
    expect(newKey).toMatchObject({ trafficCapGB: 50, enabled: true });
    // Usable now: 10 GB left on the old key + 50 on the new one = 1050 paid − 990 used. Nothing twice.
    expect(oldKey!.trafficCapGB! - oldKey!.trafficUsedMB / GB + newKey!.trafficCapGB!).toBe(1050 - 990);

    // The dashboard shows the new password and, loudly, until when the old one works.
    const me = (await (await call('/api/account', { cookie })).json()) as AccountAnswer;
    expect(me.key).toMatchObject({ status: 'active', secretMask: fresh!.secret_mask, capGb: 50 });
    expect(me.key.previousKey).toEqual({
      secretMask: old!.secret_mask,
      worksUntil: old!.grace_until,
      text: expect.stringContaining(`Your old key (${old!.secret_mask}) keeps working until `),
    });
    expect(me.key.previousKey!.text).toMatch(/^You have a new proxy key/);
    const revealed = (await (await call('/api/key/reveal', { method: 'POST', cookie })).json()) as RevealAnswer;
    expect(revealed.secret).toBe(newKey!.key);
    // And by mail, with masks only.
    const mail = await waitForMailAbout(email, /proxy key has changed/);
    expect(mail.text).toContain(fresh!.secret_mask!);
    expect(mail.text).toContain(old!.secret_mask!);
    expect(mail.text).not.toContain(newKey!.key);

    // A day later the old key still works; the customer uses 4 more GB on it.
    await fireCron(Date.now() + 24 * HOUR);
    expect(await upstreamKey(old!.upstream_id)).toMatchObject({ enabled: true });
    await setUsage(old!.upstream_id!, 994 * GB);

    // Grace over: first switched off (its last usage still flushing), nothing carried yet.
    await fireCron(Date.now() + 73 * HOUR);
    expect(await upstreamKey(old!.upstream_id)).toMatchObject({ enabled: false });
    expect((await keysOf(id))[0]).toMatchObject({ state: 'retiring', carried_out_gb: null });
    expect(await upstreamKey(fresh!.upstream_id)).toMatchObject({ trafficCapGB: 50 });

    // The next run reads it a last time, carries the 6 unused GB and deletes it.
    await fireCron(Date.now() + 73 * HOUR + 10 * 60_000);
    const [retired, current] = await keysOf(id);
    expect(retired).toMatchObject({ state: 'retired', final_used_gb: 994, carried_out_gb: 6, carried_into: 2 });
    expect(retired!.deleted_at).not.toBeNull();
    expect(await upstreamKey(old!.upstream_id)).toBeUndefined();
    expect(await upstreamKey(current!.upstream_id)).toMatchObject({ trafficCapGB: 56, enabled: true });
    // Everything paid for is usable exactly once: 994 GB used on the old key + the new key's cap = what was paid.
    const paid = await env.DB.prepare(
      "select sum(gb - refunded_gb) as gb from orders where customer_id = ? and status in ('paid', 'refunded')",
    )
      .bind(id)
      .first<{ gb: number }>();
    expect(paid!.gb).toBe(1050);
    expect(994 + (await upstreamKey(current!.upstream_id))!.trafficCapGB!).toBe(paid!.gb);
    const after = (await (await call('/api/account', { cookie })).json()) as AccountAnswer;
    expect(after.key).toMatchObject({ status: 'active', capGb: 56, previousKey: null });

    // Later runs change nothing (every step is done once).
    await fireCron(Date.now() + 80 * HOUR);
    expect(await upstreamKey(current!.upstream_id)).toMatchObject({ trafficCapGB: 56 });
  });

  it('a refund of an order on a retired key takes its GB back from the key they were carried to', async () => {
    const { id, last, current } = await onARetiredKey('retired-refund@example.com');

    // The last Scale (on the retired key) is refunded: its 50 GB come off the 100 carried over.
    await stripeAct(last, 'refund');
    const [refund] = await deliveries({ type: 'refund.created' });
    expect((await deliver(refund!)).status).toBe(200);
    await settled(id);
    expect((await keysOf(id))[0]).toMatchObject({ carried_out_gb: 50 });
    expect(await upstreamKey(current.upstream_id)).toMatchObject({ trafficCapGB: 60 });
  });

  it('a dispute of an order on a retired key holds its GB from the key they were carried to; won gives them back', async () => {
    const { id, last, current } = await onARetiredKey('retired-dispute@example.com');

    // The last Scale (on the retired key) is disputed in full: its 50 GB come off the 100 carried over.
    const opened = await disputeSession(last);
    await deliverEachEvent(opened.events);
    await settled(id);
    expect((await keysOf(id))[0]).toMatchObject({ state: 'retired', carried_out_gb: 50 });
    expect(await upstreamKey(current.upstream_id)).toMatchObject({ trafficCapGB: 60 });

    await deliverEachEvent((await decideDispute(opened.dispute, 'won')).events);
    await settled(id);
    expect((await keysOf(id))[0]).toMatchObject({ carried_out_gb: 100 });
    expect(await upstreamKey(current.upstream_id)).toMatchObject({ trafficCapGB: 110 });
  });
});
