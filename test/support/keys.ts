// A customer's keys as the shop records them in D1 (pool_keys, key_syncs) and as the Proxies.sx simulator holds them,
// and waiting for the background reconcile that keeps the two in step.
import { env } from 'cloudflare:test';
import { until } from '../../devkit/until.ts';
import { type SimKey, upstreamKey } from './sim.ts';

/** A pool_keys row (one generation of a customer's key), as raw SQL returns it. */
export interface PoolKeyRow {
  id: string;
  customer_id: string;
  generation: number;
  state: 'current' | 'retiring' | 'retired';
  grace_until: number | null;
  upstream_id: string | null;
  mints: number;
  secret_ciphertext: string | null;
  secret_iv: string | null;
  secret_mask: string | null;
  cap_gb: number | null;
  expires_at: number | null;
  enabled: number | null;
  spent_gb: number;
  used_mb: number;
  upstream_disabled_at: number | null;
  switched_off_at: number | null;
  final_used_gb: number | null;
  carried_into: number | null;
  carried_out_gb: number | null;
  deleted_at: number | null;
  announced_at: number | null;
}

/** The customer's current key row with its reconcile state; its key columns are null until the key row exists. */
export type KeyRow = { [K in keyof PoolKeyRow]: PoolKeyRow[K] | null } & {
  sync_state: 'pending' | 'synced' | 'failed';
  lease_until: number | null;
  attempts: number;
  last_error: string | null;
};

/**
 * A customer's current key row with its reconcile state (`sync_state`, `lease_until` from key_syncs): one row once
 * anything was owed, its key columns null until the key row exists.
 */
export const CURRENT_KEY_SQL = `select k.*, s.state as sync_state, s.lease_until, s.attempts, s.last_error
  from key_syncs s left join pool_keys k on k.customer_id = s.customer_id and k.state = 'current'
  where s.customer_id = ?`;

/** The customer's current key and its reconcile state; null when nothing was ever owed to them. */
export const keyRow = (customerId: string) => env.DB.prepare(CURRENT_KEY_SQL).bind(customerId).first<KeyRow>();

/** Every generation of the customer's keys (pool_keys rows), oldest first. */
export async function keysOf(customerId: string): Promise<PoolKeyRow[]> {
  const { results } = await env.DB.prepare('select * from pool_keys where customer_id = ? order by generation')
    .bind(customerId)
    .all<PoolKeyRow>();
  return results;
}

/**
 * Waits until the background reconcile of the customer's keys is done (nothing pending, no lease held); returns the
 * current key row then, or null when nothing was ever owed.
 */
export function settled(customerId: string): Promise<KeyRow | null> {
  return until(
    () => keyRow(customerId),
    (row) => !row || (row.sync_state !== 'pending' && row.lease_until === null),
    { what: `the keys of ${customerId} settled` },
  );
}

/** The customer's current key as the Proxies.sx simulator holds it. */
export async function upstreamKeyOf(customerId: string): Promise<SimKey | undefined> {
  return upstreamKey((await keyRow(customerId))?.upstream_id);
}

/** Once the reconcile is done: the cap (GB) and on/off of the customer's key on the platform. */
export async function upstreamCapOf(customerId: string): Promise<{ cap?: number | null; enabled?: boolean }> {
  await settled(customerId);
  const key = await upstreamKeyOf(customerId);
  return { cap: key?.trafficCapGB, enabled: key?.enabled };
}

/** The cap (GB) the shop last set on the customer's current key (what its reconcile aimed the platform at). */
export async function recordedCapOf(customerId: string): Promise<number | null> {
  return (await keyRow(customerId))?.cap_gb ?? null;
}

/** `pak_ab12…ef90`: how the shop shows a secret before it is revealed. */
export const mask = (secret: string) => `${secret.slice(0, 8)}…${secret.slice(-4)}`;
