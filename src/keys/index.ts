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
  type AttentionRule,
  byCustomer,
  claimAnnouncement,
  currentKey,
  currentKeyQuery,
  currentKeysOf,
  currentKeysOwing,
  currentKeysQuery,
  customersWithRetirementDue,
  endGraceStatement,
  forgetVanishedKey,
  keysNeedingAttention,
  keysOf,
  openGenerationStatement,
  type PoolKeyRow,
  recordUsage,
  retireStatement,
  saveKey,
  startRetiringStatement,
  unclaimAnnouncement,
  usedMbOfWorkingKeys,
} from './store.ts';
export { readPlatformUsage, sweepPage } from './sweep.ts';
export { type SweepPage, sweepPages } from './sweep-pages.ts';
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
  syncedSql,
  syncQuery,
  syncsOf,
  syncsQuery,
} from './sync.ts';
export { customerDailyUsage, dailyUsage, readUsage } from './usage.ts';
