// The platform's rules for a pool access key: the audit trail, auto-suspension at the cap, the nightly
// expiry job, usage as the gateway flushes it, and the key as the API shows it (secret masked or not).
import type { AuditAction, PoolAccessKey } from '../../src/pool/contract.ts';
import { type Ctx, nestError } from './http.ts';
import { DAY_MS, day, hex, iso, keyNow, MB_PER_GB, now, type SimKey, state } from './store.ts';

/**
 * Appends to the audit trail: with a request context it is a reseller API call (`apiKey`), or a person in the
 * panel (`jwt`) when `panel` is set; without one it is the platform itself (`system`: auto-suspensions).
 */
export function recordAudit(
  action: AuditAction,
  pakId: string | null,
  c: Ctx | null,
  metadata: Record<string, unknown> = {},
  at = now(),
  panel = false,
): void {
  state.audit.unshift({
    id: hex(12),
    pakId,
    action,
    ip: c ? '203.0.113.10' : null,
    userAgent: c?.req.header('user-agent') ?? null,
    requestId: c?.get('requestId') ?? null,
    authMethod: c ? (panel ? 'jwt' : 'apiKey') : 'system',
    metadata,
    createdAt: iso(at),
  });
}

/** A cap above this reseller account's ceiling, as the platform words its refusal; undefined when it fits. */
export function capAboveCeiling(capGB: number | null | undefined): string | undefined {
  return capGB !== null && capGB !== undefined && capGB > state.capCeilingGB
    ? `trafficCapGB must not be greater than ${state.capCeilingGB}`
    : undefined;
}

/** The nightly job (03:30 UTC) that disables expired keys: applied lazily when a key is looked at. */
function applyNightlyExpiry(key: SimKey): void {
  if (key.expiresAt === null || !key.enabled) return;
  const firstRun = new Date(key.expiresAt);
  firstRun.setUTCHours(3, 30, 0, 0);
  if (firstRun.getTime() < key.expiresAt) firstRun.setTime(firstRun.getTime() + DAY_MS);
  if (keyNow(key) >= firstRun.getTime()) {
    key.enabled = false;
    key.updatedAt = keyNow(key);
    recordAudit('auto_suspended_expired', key.id, null, { expiresAt: iso(key.expiresAt) }, firstRun.getTime());
  }
}

/** Usage reached the cap: the platform disables the key (a top up alone does not re-enable it). */
function applyCapSuspension(key: SimKey): void {
  if (key.trafficCapGB === null || !key.enabled) return;
  if (key.trafficUsedMB >= key.trafficCapGB * MB_PER_GB) {
    key.enabled = false;
    key.updatedAt = keyNow(key);
    recordAudit('auto_suspended_cap_exceeded', key.id, null, {
      trafficUsedMB: key.trafficUsedMB,
      trafficCapGB: key.trafficCapGB,
    });
  }
}

/** The gateway's usage flush: total usage becomes `usedMB` (today's series grows), then the cap is enforced. */
export function recordUsage(key: SimKey, usedMB: number): void {
  const delta = usedMB - key.trafficUsedMB;
  if (delta > 0) {
    const today = day(keyNow(key));
    const used = key.usage.get(today) ?? { inMB: 0, outMB: 0 };
    key.usage.set(today, { inMB: used.inMB + delta * 0.2, outMB: used.outMB + delta * 0.8 });
    key.lastUsedAt = keyNow(key);
  }
  key.trafficUsedMB = usedMB;
  applyCapSuspension(key);
}

function mask(secret: string): string {
  return `${secret.slice(0, 8)}${'*'.repeat(16)}${secret.slice(-4)}`;
}

/** The key as the API returns it; list and get mask the secret. */
export function wire(key: SimKey, reveal: boolean): PoolAccessKey {
  applyNightlyExpiry(key);
  return {
    id: key.id,
    key: reveal ? key.secret : mask(key.secret),
    label: key.label,
    enabled: key.enabled,
    trafficCapGB: key.trafficCapGB,
    trafficUsedMB: Math.round(key.trafficUsedMB * 1000) / 1000,
    trafficUsedGB: Math.round((key.trafficUsedMB / MB_PER_GB) * 1000) / 1000,
    expiresAt: key.expiresAt === null ? null : iso(key.expiresAt),
    isExpired: key.expiresAt !== null && keyNow(key) >= key.expiresAt,
    lastUsedAt: key.lastUsedAt === null ? null : iso(key.lastUsedAt),
    createdAt: key.createdAt,
    updatedAt: key.updatedAt,
  };
}

/**
 * A new key as the platform mints it (docs/UPSTREAM.md "Endpoints": mint → `PoolAccessKey` with the secret `pak_` +
 * 24 hex, enabled, no usage yet), stored and audited as `create` by the API call `c` (a bulk seed has none and
 * leaves the audit trail alone: tests read it, and it is newest-first, so each entry costs the whole trail).
 */
export function createKey(
  input: { label: string; trafficCapGB: number | null; expiresAt?: string | null },
  c: Ctx | null,
): SimKey {
  const at = now();
  const key: SimKey = {
    id: hex(12),
    secret: `pak_${hex(12)}`,
    label: input.label,
    enabled: true,
    trafficCapGB: input.trafficCapGB,
    trafficUsedMB: 0,
    expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
    lastUsedAt: null,
    createdAt: at,
    updatedAt: at,
    clockOffsetMs: 0,
    usage: new Map(),
  };
  state.keys.set(key.id, key);
  if (c) recordAudit('create', key.id, c, { label: key.label, trafficCapGB: key.trafficCapGB }, at);
  return key;
}

/** The key named by the route's `:id`. */
export function findKey(c: Ctx): SimKey | undefined {
  return state.keys.get(c.req.param('id') ?? '');
}

export const notFound = (c: Ctx) => nestError(c, 404, 'Pool access key not found');

/** The platform refuses an expiry in the past. */
export function checkExpiresAt(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Date.parse(value) <= now() ? 'expiresAt must be a date in the future' : undefined;
}
