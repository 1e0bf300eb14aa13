// The one answer to "what state is this customer's key in?", from the shop's record (and the platform's live view
// when there is one). The dashboard, the order page and the console all derive their wording from it. Pure.
import type { Customer, KeySyncRow, PoolKeyRow } from '../../schema.ts';
import type { PoolAccessKey } from '../pool/index.ts';
import type { KeyStatus, KeySummary } from '../shared/billing.ts';
import type { AccountKeyStatus, DisabledReason } from '../shared/dashboard.ts';
import { mbToGb } from '../shared/format.ts';
import { isoToMs } from '../time.ts';

/** What the platform says about a key, as far as the state needs it. */
export type LiveKey = Pick<
  PoolAccessKey,
  'enabled' | 'trafficCapGB' | 'trafficUsedMB' | 'expiresAt' | 'isExpired' | 'lastUsedAt'
>;

export interface KeyFacts {
  /** The customer's current key row, if any key was ever owed. */
  key: PoolKeyRow | undefined;
  sync: Pick<KeySyncRow, 'state'> | undefined;
  /** The platform's view of the current key; null when there is none or it could not be asked. */
  live: LiveKey | null;
  customer: Pick<Customer, 'suspendedAt'>;
  now: number;
}

export interface KeyState {
  status: AccountKeyStatus;
  reason: DisabledReason | null;
  /** 'synced': the key matches what was paid for; 'pending': a change is on its way; 'failed': retrying. */
  sync: 'synced' | 'pending' | 'failed';
  capGb: number | null;
  expiresAt: number | null;
  usedMb: number | null;
  lastUsedAt: number | null;
  secretMask: string | null;
  live: boolean;
}

function lifecycle(f: KeyFacts, capGb: number | null, expiresAt: number | null, usedMb: number | null) {
  const { key, live, now } = f;
  if (!key) return { status: 'none' as const, reason: null };
  // A suspended customer is told so whatever the key's state (no key is minted or enabled for them).
  if (f.customer.suspendedAt) return { status: 'disabled' as const, reason: 'suspended' as const };
  const expired = live?.isExpired === true || (expiresAt !== null && expiresAt <= now);
  if (!key.upstreamId) {
    if (f.sync?.state !== 'synced') return { status: 'provisioning' as const, reason: null };
    return { status: expired ? ('expired' as const) : ('none' as const), reason: null };
  }
  if (key.upstreamDisabledAt && !live?.enabled)
    return { status: 'disabled' as const, reason: 'provider_disabled' as const };
  if (expired) return { status: 'expired' as const, reason: null };
  if (live ? live.enabled : key.enabled !== false) return { status: 'active' as const, reason: null };
  if (capGb !== null && usedMb !== null && mbToGb(usedMb) >= capGb)
    return { status: 'disabled' as const, reason: 'cap_reached' as const };
  return { status: 'disabled' as const, reason: 'switched_off' as const };
}

export function keyState(f: KeyFacts): KeyState {
  const { key, live } = f;
  const capGb = live ? live.trafficCapGB : (key?.capGb ?? null);
  const expiresAt = live ? isoToMs(live.expiresAt) : (key?.expiresAt ?? null);
  const usedMb = live ? live.trafficUsedMB : null;
  return {
    ...lifecycle(f, capGb, expiresAt, usedMb),
    sync: f.sync?.state ?? 'synced',
    capGb,
    expiresAt,
    usedMb,
    lastUsedAt: live ? isoToMs(live.lastUsedAt) : null,
    secretMask: key?.secretMask ?? null,
    live: Boolean(live),
  };
}

/** The key as the order page words it (KeyStatus), from the same state: is it there yet, is a change on its way. */
export function keySummary(f: KeyFacts): KeySummary {
  const { key } = f;
  const state = keyState(f);
  let status: KeyStatus;
  if (state.status === 'none') status = 'none';
  else if (state.status === 'provisioning') status = state.sync === 'failed' ? 'retrying' : 'provisioning';
  else if (state.sync !== 'synced') status = state.sync === 'failed' ? 'retrying' : 'updating';
  else status = key?.upstreamId ? 'ready' : 'none';
  return {
    status,
    capGb: key?.capGb ?? null,
    expiresAt: key?.expiresAt ?? null,
    enabled: key?.enabled ?? null,
    secretMask: key?.secretMask ?? null,
  };
}
