// Many customers at once, as the shop and the platform hold them after a Pro purchase was paid and reconciled: the
// keys created in the Proxies.sx simulator with one bulk call (with their usage flushed), and the D1 rows written
// directly. What the cron then does with them is the shop's own code.
import { env } from 'cloudflare:test';
import { chunksOf } from '../../src/db/chunks.ts';
import { sim } from '../support/index.ts';

const DAY = 86_400_000;
const PRO_GB = 10;

export interface SeededCustomer {
  id: string;
  email: string;
  keyId: string;
  upstreamId: string;
}

/** `n` customers `<prefix>-<i>@example.com`, each with Pro (10 GB, 30 days) bought a day ago and `usedPercent` used. */
export async function seedProCustomers(prefix: string, n: number, usedPercent: number): Promise<SeededCustomer[]> {
  const now = Date.now();
  const expiresAt = now + 29 * DAY;
  const emails = Array.from({ length: n }, (_, i) => `${prefix}-${i}@example.com`);
  const created = await sim<{ id: string }[]>('/_sim/proxies/keys/bulk', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      keys: emails.map((email) => ({
        label: `${email} (1)`,
        trafficCapGB: PRO_GB,
        expiresAt: new Date(expiresAt).toISOString(),
        trafficUsedMB: (PRO_GB * 1024 * usedPercent) / 100,
      })),
    }),
  });
  const seeded = emails.map((email, i) => ({
    id: `cus_${prefix}_${i}`,
    email,
    keyId: `key_${prefix}_${i}`,
    upstreamId: created[i]!.id,
  }));
  for (const slice of chunksOf(seeded, 25)) {
    await env.DB.batch(
      slice.flatMap((c) => [
        env.DB.prepare('insert into customers (id, email, created_at) values (?, ?, ?)').bind(c.id, c.email, now - DAY),
        env.DB.prepare(
          `insert into orders (id, customer_id, kind, status, tier_id, tier_name, gb, price, currency, validity_days,
             key_generation, created_at, paid_at, receipt_sent_at)
           values (?, ?, 'purchase', 'paid', 'pro', 'Pro', ?, 6900, 'usd', 30, 1, ?, ?, ?)`,
        ).bind(`ord_${c.id}`, c.id, PRO_GB, now - DAY, now - DAY, now - DAY),
        env.DB.prepare(
          `insert into pool_keys (id, customer_id, generation, state, upstream_id, mints, cap_gb, expires_at, enabled,
             created_at, updated_at)
           values (?, ?, 1, 'current', ?, 1, ?, ?, 1, ?, ?)`,
        ).bind(c.keyId, c.id, c.upstreamId, PRO_GB, expiresAt, now - DAY, now - DAY),
        env.DB.prepare("insert into key_syncs (customer_id, state, attempts, demand) values (?, 'synced', 0, ?)").bind(
          c.id,
          now - DAY,
        ),
      ]),
    );
  }
  return seeded;
}
