// The customer's Proxies.sx keys: the pool_keys rows (one per key generation) and the key_syncs row that says
// whether they owe a reconcile, the sealed secret, the one key-state function every view derives from, and the
// per-isolate cache of the platform's live view. Billing, the dashboard and the console build on it.

export { type DisabledBy, whoDisabled } from './decisions.ts';
export { KeyError } from './errors.ts';
export { forgetLiveKey, LIVE_KEY_FRESH_MS, liveKey } from './live.ts';
export { type KeyServices, type MintedKeyRow, ownKey, readRevealedSecret, readSecret, storeSecret } from './reveal.ts';
export { CLIENT_IDEMPOTENCY_KEY, type Rotation, rotateKeySecret } from './rotate.ts';
export { maskSecret, sameSecret, sealSecret, unsealSecret } from './secret.ts';
export { type KeyFacts, type KeyState, keyState, type LiveKey } from './state.ts';
export {
  claimAnnouncement,
  currentKey,
  currentKeysOf,
  customersWithRetirementDue,
  forgetVanishedKey,
  type KeyChange,
  keysOf,
  liveUpstreamKeys,
  openGenerationStatement,
  type PoolKeyRow,
  recordUsage,
  retireStatement,
  saveKey,
  startRetiringStatement,
  unclaimAnnouncement,
} from './store.ts';
export {
  acquireLease,
  dueCustomers,
  getSync,
  isDue,
  type KeySyncRow,
  LEASE_MS,
  type Lease,
  markOwedStatement,
  owedSyncs,
  releaseFailed,
  releaseSynced,
  renewLease,
  syncsOf,
} from './sync.ts';
export { refreshUsage, sweepUsage } from './usage.ts';
