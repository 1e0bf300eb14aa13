// The customer's account as the dashboard shows it: the key's status (and why it is not working), usage and
// expiry. D1 says what the shop made the key; the platform says how much of it is used (asked at most every
// 10 s per key per isolate). If the platform cannot be asked, the shop's own record is shown with `live: false`.
import { eq } from 'drizzle-orm';
import { type Customer, customers, type PoolKeyRow } from '../../schema.ts';
import { getKeyRow } from '../billing/keys.ts';
import type { Db } from '../db/index.ts';
import type { PoolAccessKey } from '../pool/index.ts';
import type { Services } from '../services/index.ts';
import type { AccountKey, MeAnswer } from '../shared/dashboard.ts';
import { mbToGb } from '../shared/format.ts';
import { isoToMs } from '../time.ts';

/** What the dashboard works with; the pak_ secret is sealed at rest with `config.encryptionKey`. */
export type DashboardServices = Pick<Services, 'db' | 'pool' | 'config' | 'log' | 'clock'>;

/** How long one platform answer about a key is reused (the usage bar polls every 30 s; tabs add up). */
export const LIVE_KEY_FRESH_MS = 10_000;
const liveKeyCache = new Map<string, { key: PoolAccessKey; at: number }>();

/** Drops the cached platform view of a key (after the shop changed it). */
export function forgetLiveKey(upstreamId: string): void {
  liveKeyCache.delete(upstreamId);
}

async function liveKey(services: DashboardServices, upstreamId: string): Promise<PoolAccessKey | null> {
  const now = services.clock.now();
  const cached = liveKeyCache.get(upstreamId);
  if (cached && now - cached.at < LIVE_KEY_FRESH_MS) return cached.key;
  try {
    const key = await services.pool.getKey(upstreamId, { maxRetries: 1 });
    if (liveKeyCache.size > 1000) liveKeyCache.clear();
    liveKeyCache.set(upstreamId, { key, at: now });
    return key;
  } catch (err) {
    services.log.warn('live key unavailable; showing the shop’s record', { upstreamId, err });
    return null;
  }
}

/** The key's status and what to tell the customer about it. Pure. */
export function describeKey(
  row: PoolKeyRow | undefined,
  live: PoolAccessKey | null,
  customer: Pick<Customer, 'suspendedAt' | 'suspendedReason'>,
  now: number,
): AccountKey {
  const base: AccountKey = {
    status: 'none',
    reason: null,
    reasonText: null,
    secretMask: row?.secretMask ?? null,
    usedMb: live ? live.trafficUsedMB : null,
    capGb: live ? live.trafficCapGB : (row?.capGb ?? null),
    expiresAt: live ? isoToMs(live.expiresAt) : (row?.expiresAt ?? null),
    lastUsedAt: live ? isoToMs(live.lastUsedAt) : null,
    updating: Boolean(row && row.syncState !== 'synced'),
    live: Boolean(live),
  };
  if (!row) return base;
  if (!row.upstreamId)
    return { ...base, status: row.syncState === 'synced' ? 'none' : 'provisioning', updating: false };
  const expired = live?.isExpired === true || (base.expiresAt !== null && base.expiresAt <= now);
  if (expired)
    return { ...base, status: 'expired', reasonText: 'Your proxy key has expired. Buy more traffic to keep using it.' };
  const enabled = live ? live.enabled : row.enabled !== false;
  if (enabled) return { ...base, status: 'active' };
  if (customer.suspendedAt)
    return {
      ...base,
      status: 'disabled',
      reason: 'suspended',
      reasonText: `The shop has suspended your account${customer.suspendedReason ? `: ${customer.suspendedReason.trim().replace(/[.!?]+$/, '')}` : ''}, so your key is switched off. Contact support to sort it out.`,
    };
  if (base.capGb !== null && base.usedMb !== null && mbToGb(base.usedMb) >= base.capGb)
    return {
      ...base,
      status: 'disabled',
      reason: 'cap_reached',
      reasonText: `You have used all ${base.capGb} GB of your traffic. Buy more to switch your key back on.`,
    };
  return {
    ...base,
    status: 'disabled',
    reason: 'switched_off',
    reasonText: live
      ? 'Your proxy key is switched off (for example after a refund). Contact support if you did not expect this.'
      : 'Your proxy key is switched off. If you have used all your traffic, buy more; otherwise contact support.',
  };
}

export async function getCustomer(db: Db, customerId: string): Promise<Customer | undefined> {
  const [row] = await db.select().from(customers).where(eq(customers.id, customerId)).limit(1);
  return row;
}

/** The key of the signed-in customer: D1 row plus (when it exists upstream) the platform's live view. */
async function accountKey(services: DashboardServices, customerId: string): Promise<AccountKey> {
  const { db } = services;
  const [row, customer] = await Promise.all([getKeyRow(db, customerId), getCustomer(db, customerId)]);
  const live = row?.upstreamId ? await liveKey(services, row.upstreamId) : null;
  return describeKey(row, live, customer ?? { suspendedAt: null, suspendedReason: null }, services.clock.now());
}

/** The dashboard's account answer: who is signed in, their key, and the gateway their proxy URLs point at. */
export async function accountView(
  services: DashboardServices,
  customer: { customerId: string; email: string },
): Promise<MeAnswer> {
  const { upstream } = services.config;
  return {
    customer: { id: customer.customerId, email: customer.email },
    key: await accountKey(services, customer.customerId),
    gateway: { host: upstream.gatewayHost, username: upstream.username },
  };
}
