// The customer's Proxies.sx keys: the pool_keys rows (one per key generation) and the key_syncs row that says
// whether they owe a reconcile, the sealed secret, the one key-state function every view derives from, the
// short-lived copies of the platform's answers about a key (live view, sessions, usage), and the platform's
// decisions about a key (one rule for a key switched off by a person). Fulfilment, checkout, the dashboard and the
// console build on it.
export { heldOffByPerson, personSwitchOff } from './decisions.ts';
export { forgetLiveKey, liveKey } from './live.ts';
export { sessionsOfKey, usageOfKey } from './recent.ts';
export { type MintedKeyRow, mintedKey, ownKey, readRevealedSecret, readSecret } from './reveal.ts';
export { CLIENT_IDEMPOTENCY_KEY, rotateKeySecret } from './rotate.ts';
export { sealSecret } from './secret.ts';
export { type KeyState, keyState, keySummary, type LiveKey } from './state.ts';
export {
  byCustomer,
  claimAnnouncement,
  currentKey,
  currentKeyQuery,
  currentKeysOf,
  currentKeysQuery,
  customersWithRetirementDue,
  endGraceStatement,
  forgetVanishedKey,
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
  type Lease,
  markOwedStatement,
  owedSyncs,
  releaseFailed,
  releaseSynced,
  renewLease,
  syncQuery,
  syncsOf,
  syncsQuery,
} from './sync.ts';
export { readUsage, sweepUsage } from './usage.ts';
