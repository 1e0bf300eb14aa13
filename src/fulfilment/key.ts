// Making one upstream key match its balance in the ledger: observe it (recording its usage, or that it vanished),
// mint it (never for a customer who may not have a working key), and set its cap, expiry and enabled flag. Every
// step is idempotent and resumable by the next reconcile.
import type { Customer } from '../../schema.ts';
import { sha256Hex } from '../crypto.ts';
import {
  forgetLiveKey,
  forgetVanishedKey,
  type PoolKeyRow,
  personSwitchOff,
  readRevealedSecret,
  recordUsage,
  saveKey,
  sealSecret,
} from '../keys/index.ts';
import { type GenerationBalance, upstreamCapOf, usedGbOf } from '../orders/index.ts';
import { isUpstreamError, type PoolAccessKey, type UpdateKeyInput } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import { isoToMs, msToIso } from '../time.ts';

/** What a reconcile works with; the pak_ secret is sealed at rest with `config.encryptionKey`. */
export type ReconcileServices = Pick<Services, 'db' | 'pool' | 'config' | 'log' | 'clock' | 'mail' | 'kv'>;

/** One reconcile of one customer. */
export interface CustomerRun {
  services: ReconcileServices;
  customer: Customer;
  now: number;
  /** When the customer's GB expire (validity stacks over every paid order); null: no expiry. */
  expiresAt: number | null;
  /** Suspended, or a key switched off by a person upstream: no key is minted for them. */
  blocked: boolean;
}

/** Expiries within a second are the same (the platform may round). */
const sameInstant = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) < 1000;

/** The upstream key, or null when it vanished (404). */
async function upstreamOf(run: CustomerRun, key: PoolKeyRow): Promise<PoolAccessKey | null> {
  if (!key.upstreamId) return null;
  try {
    return await run.services.pool.getKey(key.upstreamId);
  } catch (err) {
    if (isUpstreamError(err) && err.notFound) return null;
    throw err;
  }
}

/** Reads the upstream key and records its usage; a key that vanished has its used GB kept as spent. */
export async function observe(
  run: CustomerRun,
  key: PoolKeyRow,
): Promise<{ row: PoolKeyRow; upstream: PoolAccessKey | null }> {
  const { db, log } = run.services;
  const upstream = await upstreamOf(run, key);
  if (upstream) {
    await recordUsage(db, key.id, upstream.id, upstream.trafficUsedMB, run.now);
    return { row: { ...key, usedMb: Math.max(key.usedMb, upstream.trafficUsedMB) }, upstream };
  }
  if (!key.upstreamId) return { row: key, upstream: null };
  log.warn('pool key vanished upstream', { customerId: key.customerId, upstreamId: key.upstreamId });
  await forgetVanishedKey(db, key.id, key.upstreamId, run.now);
  return { row: { ...key, spentGb: usedGbOf(key), usedMb: 0, upstreamId: null, enabled: null }, upstream: null };
}

/** Same generation and same count of earlier mints → same key, so a retry after a crash replays the first mint. */
async function mintIdempotencyKey(key: PoolKeyRow): Promise<string> {
  return `mint-${(await sha256Hex(`${key.customerId}:${key.generation}:${key.mints}`)).slice(0, 48)}`;
}

async function mint(run: CustomerRun, key: PoolKeyRow, capGb: number): Promise<PoolAccessKey> {
  const { db, pool, config, log } = run.services;
  const { customer } = run;
  const suffix = key.generation > 1 ? ` #${key.generation}` : '';
  const minted = await pool.mintKey(
    {
      label: `${customer.email} (${customer.id})${suffix}`.slice(0, 256),
      trafficCapGB: capGb,
      expiresAt: msToIso(run.expiresAt),
    },
    { idempotencyKey: await mintIdempotencyKey(key) },
  );
  // Store the secret before anything else can fail: the dashboard shows it without an upstream call.
  await saveKey(
    db,
    key.id,
    {
      ...(await sealSecret(config.encryptionKey, minted.key, key.customerId)),
      secretCheck: false,
      upstreamId: minted.id,
      mints: key.mints + 1,
      capGb: minted.trafficCapGB,
      expiresAt: isoToMs(minted.expiresAt),
      enabled: minted.enabled,
    },
    run.now,
  );
  log.info('pool key minted', { customerId: key.customerId, generation: key.generation, upstreamId: minted.id, capGb });
  return minted;
}

/**
 * Converges a working key (the current one, or a retiring one in its grace) to its balance. Re-enables a key only
 * when the platform or the shop switched it off; a person's decision in the panel stands and is recorded.
 */
export async function convergeKey(run: CustomerRun, key: PoolKeyRow, balance: GenerationBalance | undefined) {
  const { db, pool, log, config } = run.services;
  const { now } = run;
  const observed = await observe(run, key);
  const row = observed.row;
  let upstream = observed.upstream;
  const capGb = upstreamCapOf(row, balance);
  const expired = run.expiresAt !== null && run.expiresAt <= now;
  const suspended = Boolean(run.customer.suspendedAt);
  if (!upstream) {
    // A retiring key is never minted again: its GB move to the current key when its grace ends.
    if (row.state !== 'current' || run.blocked || expired || capGb <= 0) {
      await saveKey(db, row.id, { enabled: false }, now);
      return;
    }
    upstream = await mint(run, row, Math.min(capGb, config.keys.capCeilingGb));
  }

  const wanted = !suspended && !expired && capGb > 0 && upstream.trafficUsedMB / 1024 < capGb;
  const upstreamDisabledAt = await personSwitchOff(pool, row, upstream, wanted, now);
  if (upstreamDisabledAt && !row.upstreamDisabledAt)
    log.warn('pool key switched off upstream by a person; left off', { customerId: row.customerId });
  const enable = wanted && !upstreamDisabledAt;
  const patch: UpdateKeyInput = {};
  const cap = Math.min(Math.max(capGb, 1), config.keys.capCeilingGb);
  if (upstream.trafficCapGB !== cap) patch.trafficCapGB = cap;
  if (!expired && !sameInstant(isoToMs(upstream.expiresAt), run.expiresAt)) patch.expiresAt = msToIso(run.expiresAt);
  if (upstream.enabled !== enable) patch.enabled = enable;
  if (Object.keys(patch).length > 0) {
    upstream = await pool.updateKey(upstream.id, patch);
    // This location's dashboards see the change at once (others within LIVE_KEY_STALE_MS).
    await forgetLiveKey(run.services, upstream.id);
    log.info('pool key updated', { customerId: row.customerId, upstreamId: upstream.id, patch });
  }
  const secret = row.secretCheck ? await readRevealedSecret(run.services, row) : {};
  await saveKey(
    db,
    row.id,
    {
      ...secret,
      capGb: upstream.trafficCapGB,
      expiresAt: isoToMs(upstream.expiresAt),
      enabled: upstream.enabled,
      upstreamDisabledAt,
    },
    now,
  );
}
