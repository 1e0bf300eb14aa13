// bench:scale's seeding of D1, inside the dev-only instrumented Worker: customers as they stand after paid
// purchases were fulfilled (the order, the key the reconcile minted, the synced state; a share with auto top-up on),
// written straight into D1 a thousand at a time (each table's rows in one statement, the rows as one JSON parameter,
// as the shop itself writes lists). Never deployed.
import type { SeedCustomer } from './seed-customer.ts';

const field = (path: string) => `json_extract(value, '$.${path}')`;

const STATEMENTS = [
  `insert into customers (id, email, stripe_customer_id, created_at)
     select ${field('id')}, ${field('email')}, ${field('autoTopUp.stripeCustomer')}, ${field('createdAt')} from json_each(?1)`,
  `insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, validity_days,
       key_generation, created_at, paid_at, receipt_sent_at)
     select ${field('orderId')}, ${field('id')}, 'purchase', 'paid', ${field('tierId')}, ${field('tierName')},
       ${field('gb')}, ${field('price')}, ${field('currency')}, ${field('validityDays')}, 1, ${field('paidAt')},
       ${field('paidAt')}, ${field('paidAt')} from json_each(?1)`,
  `insert into pool_keys (id, customer_id, generation, state, upstream_id, mints, cap_gb, expires_at, enabled,
       created_at, updated_at)
     select ${field('keyId')}, ${field('id')}, 1, 'current', ${field('upstreamId')}, 1, ${field('gb')},
       ${field('expiresAt')}, 1, ${field('paidAt')}, ${field('paidAt')} from json_each(?1)`,
  `insert into key_syncs (customer_id, state, attempts, demand)
     select ${field('id')}, 'synced', 0, ${field('paidAt')} from json_each(?1)`,
  `insert into auto_top_ups (customer_id, enabled, tier_id, trigger, threshold, monthly_limit, currency,
       payment_method_id, updated_at)
     select ${field('id')}, 1, ${field('tierId')}, 'gb_left', ${field('autoTopUp.threshold')},
       ${field('autoTopUp.monthlyLimit')}, ${field('currency')}, ${field('autoTopUp.paymentMethod')}, ${field('paidAt')}
     from json_each(?1) where ${field('autoTopUp')} is not null`,
];

/** Writes the customers (at most a few thousand a call) in one batch. */
export async function seedCustomers(db: D1Database, customers: SeedCustomer[]): Promise<number> {
  const rows = JSON.stringify(customers);
  await db.batch(STATEMENTS.map((sql) => db.prepare(sql).bind(rows)));
  return customers.length;
}
