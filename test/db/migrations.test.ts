// The key-generations migration (0003, after disputes and sign-in per network) carries a shop's existing data: every
// key becomes generation 1 of its customer, the reconcile bookkeeping moves to key_syncs, and paid orders are on that
// key with their refunded and disputed GB, disputes and sign-in links untouched.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';

async function run(queries: string[]) {
  for (const query of queries) await env.DB.prepare(query).run();
}

async function dropAllTables() {
  const { results } = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations'",
  ).all<{ name: string }>();
  await env.DB.prepare('PRAGMA defer_foreign_keys = on').run();
  for (const { name } of results) await env.DB.prepare(`drop table "${name}"`).run();
}

it('turns each existing key into generation 1 and keeps its secret, sync state, orders, disputes and sign-in links', async () => {
  const at = env.TEST_MIGRATIONS.findIndex((m) => m.name.startsWith('0003_key_generations'));
  const generations = env.TEST_MIGRATIONS[at];
  expect(generations).toBeDefined();
  await dropAllTables();
  for (const earlier of env.TEST_MIGRATIONS.slice(0, at)) await run(earlier.queries);
  await env.DB.batch([
    env.DB.prepare("insert into customers (id, email) values ('c1', 'one@example.com'), ('c2', 'two@example.com')"),
    env.DB.prepare(
      `insert into pool_keys (customer_id, upstream_id, secret_ciphertext, secret_iv, secret_mask, cap_gb, expires_at, enabled, sync_state, attempts, next_attempt_at, last_error, lease_until, updated_at)
       values ('c1', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'sealed', 'iv', 'pak_1234…abcd', 60, 1900000000000, 1, 'synced', 0, null, null, null, 1700000000000),
              ('c2', null, null, null, null, null, null, null, 'failed', 3, 1700000090000, 'mint key: http 503', null, 1700000050000)`,
    ),
    env.DB.prepare(
      `insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, created_at, paid_at, refunded_gb, held_gb)
       values ('o1', 'c1', 'purchase', 'paid', 'scale', 'Scale', 50, 27900, 'usd', 1, 2, 0, 20),
              ('o2', 'c1', 'purchase', 'refunded', 'pro', 'Pro', 10, 6900, 'usd', 3, 4, 10, 0),
              ('o3', 'c1', 'purchase', 'pending', 'pro', 'Pro', 10, 6900, 'usd', 5, null, 0, 0),
              ('o4', 'c2', 'purchase', 'paid', 'pro', 'Pro', 10, 6900, 'usd', 6, 7, 0, 0)`,
    ),
    env.DB.prepare(
      `insert into disputes (id, order_id, customer_id, charge_id, amount, currency, reason, status, held_gb, created_at, event_at)
       values ('du_1', 'o1', 'c1', 'ch_1', 11160, 'usd', 'fraudulent', 'needs_response', 20, 8, 8)`,
    ),
    env.DB.prepare(
      `insert into login_tokens (id, email, requester, token_hash, created_at, expires_at)
       values ('t1', 'one@example.com', 'net_abc', 'hash1', 9, 10)`,
    ),
  ]);

  await run(generations!.queries);

  const keys = await env.DB.prepare('select * from pool_keys order by customer_id').all<Record<string, unknown>>();
  expect(keys.results).toEqual([
    expect.objectContaining({
      customer_id: 'c1',
      generation: 1,
      state: 'current',
      upstream_id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      mints: 1,
      secret_ciphertext: 'sealed',
      secret_iv: 'iv',
      secret_mask: 'pak_1234…abcd',
      cap_gb: 60,
      expires_at: 1900000000000,
      enabled: 1,
      used_mb: 0,
      spent_gb: 0,
    }),
    expect.objectContaining({ customer_id: 'c2', generation: 1, state: 'current', upstream_id: null, mints: 0 }),
  ]);
  expect(String(keys.results[0]?.id)).toMatch(/^key_[0-9a-f]{32}$/);
  const syncs = await env.DB.prepare('select * from key_syncs order by customer_id').all();
  expect(syncs.results).toEqual([
    expect.objectContaining({ customer_id: 'c1', state: 'synced', attempts: 0, demand: 1700000000000 }),
    expect.objectContaining({
      customer_id: 'c2',
      state: 'failed',
      attempts: 3,
      next_attempt_at: 1700000090000,
      last_error: 'mint key: http 503',
      demand: 1700000050000,
      lease_until: null,
    }),
  ]);
  const orders = await env.DB.prepare(
    'select id, key_generation, payment_settling, refunded_gb, held_gb from orders order by id',
  ).all();
  expect(orders.results).toEqual([
    { id: 'o1', key_generation: 1, payment_settling: 0, refunded_gb: 0, held_gb: 20 },
    { id: 'o2', key_generation: 1, payment_settling: 0, refunded_gb: 10, held_gb: 0 },
    { id: 'o3', key_generation: null, payment_settling: 0, refunded_gb: 0, held_gb: 0 },
    { id: 'o4', key_generation: 1, payment_settling: 0, refunded_gb: 0, held_gb: 0 },
  ]);
  const disputes = await env.DB.prepare('select id, order_id, held_gb, status from disputes').all();
  expect(disputes.results).toEqual([{ id: 'du_1', order_id: 'o1', held_gb: 20, status: 'needs_response' }]);
  const tokens = await env.DB.prepare('select id, email, requester from login_tokens').all();
  expect(tokens.results).toEqual([{ id: 't1', email: 'one@example.com', requester: 'net_abc' }]);
});
