// The reconcile lease: renewed before every upstream call of a slow run, released only by its holder, and a run
// that lost it (it ran out and another run took over) stops before its next upstream call.
import { createExecutionContext, env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/index.ts';
import { reconcileCustomerKey } from '../../src/fulfilment/index.ts';
import { acquireLease, markOwedStatement, releaseFailed, releaseSynced, renewLease } from '../../src/keys/index.ts';
import { backgroundServices } from '../../src/services/index.ts';
import { customerWithKey, resetSimulators, sim, simCalls, simControl, until } from '../support/index.ts';

const db = openDb(env.DB);
const lease = (customerId: string) =>
  env.DB.prepare('select lease_until, lease_holder, state from key_syncs where customer_id = ?')
    .bind(customerId)
    .first<{ lease_until: number | null; lease_holder: string | null; state: string }>();

const inflight = () => sim<{ count: number }>('/_sim/proxies/inflight');

beforeEach(resetSimulators);

describe('the reconcile lease', () => {
  it('is released, renewed and released again only by its holder', async () => {
    const customerId = 'lease-holder';
    await env.DB.prepare("insert into customers (id, email) values (?, 'lease@example.com')").bind(customerId).run();
    await markOwedStatement(db, customerId, Date.now());
    const first = await acquireLease(db, customerId, Date.now());
    expect(first).toBeDefined();
    expect(await acquireLease(db, customerId, Date.now())).toBeUndefined();
    // The first holder stalls past its lease; a second run takes over.
    const second = await acquireLease(db, customerId, Date.now() + 61_000);
    expect(second).toBeDefined();
    expect(await renewLease(db, first!, Date.now())).toBe(false);
    expect(await releaseSynced(db, first!)).toBe(false);
    await releaseFailed(db, first!, 'late', Date.now());
    expect(await lease(customerId)).toMatchObject({ lease_holder: second!.holder, state: 'pending' });
    expect(await renewLease(db, second!, Date.now())).toBe(true);
    expect(await releaseSynced(db, second!)).toBe(true);
    expect(await lease(customerId)).toMatchObject({ lease_holder: null, lease_until: null, state: 'synced' });
  });

  it('is renewed before each upstream call of a slow run', async () => {
    const { customerId } = await customerWithKey('lease-slow@example.com', 'starter');
    await env.DB.prepare(
      "insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, created_at, paid_at) values ('ord_lease_grant', ?, 'grant', 'paid', 'grant', 'Grant', 5, 0, 'usd', ?, ?)",
    )
      .bind(customerId, Date.now(), Date.now())
      .run();
    await simControl('/faults', { kind: 'latency', ms: 400, method: 'GET', path: '/reseller/pool-keys', count: 1 });
    await simControl('/faults', { kind: 'latency', ms: 400, method: 'PATCH', count: 1 });
    const run = reconcileCustomerKey(backgroundServices(env, createExecutionContext(), {}), customerId);
    const read = () => lease(customerId);
    const during = await until(read, (l) => l?.lease_until !== null && l?.lease_until !== undefined);
    const later = await until(read, (l) => (l?.lease_until ?? 0) > (during!.lease_until ?? 0));
    expect(later!.lease_holder).toBe(during!.lease_holder);
    expect(await run).toEqual({ state: 'synced' });
  });

  it('a run that lost its lease stops before its next upstream call and leaves the new holder’s lease alone', async () => {
    const { customerId, key } = await customerWithKey('lease-lost@example.com', 'starter');
    await env.DB.prepare(
      "insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, created_at, paid_at) values ('ord_lease_lost', ?, 'grant', 'paid', 'grant', 'Grant', 5, 0, 'usd', ?, ?)",
    )
      .bind(customerId, Date.now(), Date.now())
      .run();
    await simControl('/faults', {
      kind: 'latency',
      ms: 500,
      method: 'GET',
      path: `/reseller/pool-keys/${key.id}`,
      count: 1,
    });
    const run = reconcileCustomerKey(backgroundServices(env, createExecutionContext(), {}), customerId);
    await until(inflight, (n) => n.count > 0);
    // Meanwhile the lease runs out (a minute later) and another run takes it.
    const another = await acquireLease(db, customerId, Date.now() + 61_000);
    expect(another).toBeDefined();
    const before = (await simCalls()).length;
    expect(await run).toEqual({ state: 'busy' });
    const after = (await simCalls()).slice(before);
    expect(after.filter((c) => c.method !== 'GET')).toEqual([]);
    expect(await lease(customerId)).toMatchObject({ lease_holder: another!.holder });
  });
});
