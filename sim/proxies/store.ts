// What the simulated Proxies.sx platform holds: the reseller's keys, the audit log, live gateway sessions,
// the stock and incidents it serves, and its clock. `POST /_sim/reset` forgets all of it.
import type { ActiveSession, AuditEvent, Incident, PoolStock } from '../../src/pool/contract.ts';
import { onReset } from '../state.ts';

export const DAY_MS = 86_400_000;
/** An ordinary reseller account's cap ceiling (whole GB); partner accounts have higher ones. */
export const ORDINARY_CEILING_GB = 1000;
export const MB_PER_GB = 1024;

export interface SimKey {
  id: string;
  secret: string;
  label: string;
  enabled: boolean;
  trafficCapGB: number | null;
  trafficUsedMB: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** This key's own clock offset on top of the simulator's (POST /_sim/proxies/keys/:id/clock). */
  clockOffsetMs: number;
  /** Daily usage, `YYYY-MM-DD` → MB. */
  usage: Map<string, { inMB: number; outMB: number }>;
}

export interface StoredSession extends ActiveSession {
  pakId: string;
}

export const state = {
  keys: new Map<string, SimKey>(),
  audit: [] as AuditEvent[],
  sessions: [] as StoredSession[],
  clockOffsetMs: 0,
  /** This reseller account's cap ceiling (PUT /_sim/proxies/account). */
  capCeilingGB: ORDINARY_CEILING_GB,
  /** Replaces the stock sample when set (PUT /_sim/proxies/stock). */
  stock: null as PoolStock['pools'] | null,
  /** Replaces the incidents sample when set; `bare` answers in the older bare-array form. */
  incidents: null as { incidents: Incident[]; bare: boolean } | null,
};

onReset(() => {
  state.keys.clear();
  state.audit.length = 0;
  state.sessions.length = 0;
  state.clockOffsetMs = 0;
  state.capCeilingGB = ORDINARY_CEILING_GB;
  state.stock = null;
  state.incidents = null;
});

export const now = () => Date.now() + state.clockOffsetMs;
export const keyNow = (key: SimKey) => now() + key.clockOffsetMs;
export const hex = (bytes: number) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
export const iso = (ms: number) => new Date(ms).toISOString();
export const day = (ms: number) => iso(ms).slice(0, 10);
