// The Proxies.sx reseller API contract (docs/UPSTREAM.md): the ONE source of truth for its shapes.
// The client validates every response with these schemas and the simulator (sim/proxies/) builds its
// responses and types its fixtures with this same module, so the two cannot drift apart.
import * as z from '../zod.ts';

const isoDate = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date'));
const count = z.number().check(z.minimum(0));

/** 24-hex ObjectId of a pool access key. */
export const KEY_ID_PATTERN = /^[0-9a-f]{24}$/;
/** The unmasked secret of a pool access key. */
export const PAK_SECRET_PATTERN = /^pak_[0-9a-f]{24}$/;
/** `Idempotency-Key` the platform accepts on POST. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
/** The platform validates a key's cap as whole GB 1..this; a reseller account's own ceiling is lower (1000 for
 * ordinary resellers, higher for partners; the shop's CAP_CEILING_GB var). */
export const PLATFORM_CAP_LIMIT_GB = 100_000;

/** A pool access key as list/get return it: the secret `key` may be masked there. */
export const PoolAccessKey = z.object({
  id: z.string().check(z.regex(KEY_ID_PATTERN, 'must be a 24-hex id')),
  key: z.string().check(z.minLength(1)),
  label: z.string(),
  enabled: z.boolean(),
  trafficCapGB: z.nullable(z.number()),
  trafficUsedMB: count,
  trafficUsedGB: z.optional(count),
  expiresAt: z.nullable(isoDate),
  isExpired: z.optional(z.boolean()),
  lastUsedAt: z.optional(z.nullable(isoDate)),
  /** Unix ms (unlike expiresAt, which is ISO). */
  createdAt: z.number(),
  updatedAt: z.optional(z.number()),
});
export type PoolAccessKey = z.infer<typeof PoolAccessKey>;

/** Mint, regenerate and reveal must carry the real secret, not a mask. */
export const PoolAccessKeyWithSecret = z.object({
  ...PoolAccessKey.shape,
  key: z.string().check(z.regex(PAK_SECRET_PATTERN, 'must be an unmasked pak_ secret')),
});

export const PoolAccessKeyList = z.array(PoolAccessKey);

/** What the usage sweep reads of each key of the list: the rest of the element is not kept. */
export const KeyUsageReading = z.object({
  id: PoolAccessKey.shape.id,
  enabled: PoolAccessKey.shape.enabled,
  trafficUsedMB: PoolAccessKey.shape.trafficUsedMB,
});
export type KeyUsageReading = z.infer<typeof KeyUsageReading>;

export const DeleteKeyAnswer = z.object({ message: z.string() });
export type DeleteKeyAnswer = z.infer<typeof DeleteKeyAnswer>;

/** Request bodies (the simulator enforces them; the client sends them). */
export const MintKeyInput = z.object({
  label: z.string().check(z.minLength(1), z.maxLength(256)),
  trafficCapGB: z.int().check(z.minimum(1), z.maximum(PLATFORM_CAP_LIMIT_GB)),
  expiresAt: z.optional(z.nullable(isoDate)),
});
export type MintKeyInput = z.infer<typeof MintKeyInput>;

export const UpdateKeyInput = z.object({
  label: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  enabled: z.optional(z.boolean()),
  /** `null` (unlimited) is refused for ordinary resellers; the simulator says so. */
  trafficCapGB: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(PLATFORM_CAP_LIMIT_GB)))),
  /** `null` removes the expiry; a past date is refused. */
  expiresAt: z.optional(z.nullable(isoDate)),
});
export type UpdateKeyInput = z.infer<typeof UpdateKeyInput>;

export const TopUpInput = z
  .object({
    addTrafficGB: z.optional(z.number().check(z.positive())),
    extendDays: z.optional(z.number().check(z.positive())),
  })
  .check(
    z.refine(
      (v) => v.addTrafficGB !== undefined || v.extendDays !== undefined,
      'addTrafficGB or extendDays is required',
    ),
  );
export type TopUpInput = z.infer<typeof TopUpInput>;

/** Pool stock per country. The ONLY correct shape (an invented `{updatedAt, countries[]}` broke dashboards). */
export const PoolStock = z.object({
  pools: z.object({ mbl: z.record(z.string(), count), peer: z.record(z.string(), count) }),
  totals: z.object({ mbl: count, peer: count, all: count }),
  generatedAt: isoDate,
});
export type PoolStock = z.infer<typeof PoolStock>;

export const INCIDENT_SEVERITIES = ['info', 'minor', 'major', 'critical'] as const;

export const Incident = z.object({
  id: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  title: z.string(),
  description: z.optional(z.nullable(z.string())),
  startedAt: isoDate,
  resolvedAt: z.optional(z.nullable(isoDate)),
  /** Seen as `["de"]` and as `["country:de", "pool:peer"]`. */
  affects: z.array(z.string()),
});
export type Incident = z.infer<typeof Incident>;

/** Newer platform: `{incidents, generatedAt}`; older SDKs typed a bare array. Both are accepted. */
export const IncidentsAnswer = z.union([
  z.object({ incidents: z.array(Incident), generatedAt: z.optional(isoDate) }),
  z.array(Incident),
]);
export interface IncidentsFeed {
  incidents: Incident[];
  generatedAt: string | null;
}

export function toIncidentsFeed(answer: z.infer<typeof IncidentsAnswer>): IncidentsFeed {
  return Array.isArray(answer)
    ? { incidents: answer, generatedAt: null }
    : { incidents: answer.incidents, generatedAt: answer.generatedAt ?? null };
}

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'topup',
  'regenerate',
  'reveal',
  'delete',
  'gateway_auth_success',
  'gateway_auth_failure',
  'auto_suspended_cap_exceeded',
  'auto_suspended_expired',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEvent = z.object({
  id: z.string(),
  pakId: z.optional(z.nullable(z.string())),
  /** A string, not an enum: a new platform action must not break the audit view. */
  action: z.string(),
  ip: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  requestId: z.nullable(z.string()),
  authMethod: z.nullable(z.enum(['jwt', 'apiKey', 'gateway', 'system'])),
  metadata: z.unknown(),
  createdAt: isoDate,
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditEventList = z.array(AuditEvent);

export const ActiveSession = z.object({
  /** Contains colons: URL-encode it in a path. */
  sessionKey: z.string().check(z.minLength(1)),
  /** The reseller's username. */
  accountId: z.string(),
  /** The sid of the proxy username. */
  sessionId: z.string(),
  pool: z.string(),
  country: z.nullable(z.string()),
  carrier: z.nullable(z.string()),
  endpointId: z.nullable(z.string()),
  rotation: z.string(),
  createdAt: z.number(),
  lastActivityAt: z.number(),
  expiresAt: z.number(),
  ttl: z.number(),
  currentIp: z.nullable(z.string()),
  requestCount: count,
  bytesIn: count,
  bytesOut: count,
  /** With a literal `<PASSWORD>` in place of the secret. */
  proxyUrl: z.string(),
  socks5Url: z.string(),
  isSynthesizedSid: z.boolean(),
});
export type ActiveSession = z.infer<typeof ActiveSession>;

export const SessionsAnswer = z.object({ sessions: z.array(ActiveSession), count: z.number() });
export type SessionsAnswer = z.infer<typeof SessionsAnswer>;

/** Unknown or foreign session: 200 `{success: false, message: "Session not found"}`. */
export const CloseSessionAnswer = z.object({
  success: z.boolean(),
  message: z.string(),
  count: z.optional(z.number()),
});
export type CloseSessionAnswer = z.infer<typeof CloseSessionAnswer>;

/** The platform's current wholesale rates, kept opaque: never hard-coded, never interpreted here. */
export const WholesalePricing = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]);
export type WholesalePricing = z.infer<typeof WholesalePricing>;

// ── Key usage: the exact shape is unconfirmed upstream, so it is read defensively ───────────────────

export interface KeyUsageDay {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  inMB: number;
  outMB: number;
}

const SERIES_FIELDS = ['series', 'daily', 'days', 'usage', 'data', 'items'];
const DATE_FIELDS = ['date', 'day', 'period', 'timestamp'];
const IN_MB_FIELDS = ['inMB', 'trafficInMB', 'mbIn', 'in'];
const OUT_MB_FIELDS = ['outMB', 'trafficOutMB', 'mbOut', 'out'];
const IN_BYTES_FIELDS = ['bytesIn', 'inBytes'];
const OUT_BYTES_FIELDS = ['bytesOut', 'outBytes'];
const BYTES_PER_MB = 1024 * 1024;

function pickNumber(entry: Record<string, unknown>, fields: string[], divisor = 1): number | undefined {
  for (const field of fields) {
    const value = entry[field];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value / divisor;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) && Number(value) >= 0)
      return Number(value) / divisor;
  }
  return undefined;
}

function pickDate(entry: Record<string, unknown>): string | undefined {
  for (const field of DATE_FIELDS) {
    const value = entry[field];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const time = typeof value === 'number' ? value : Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (Number.isFinite(time)) return new Date(time).toISOString().slice(0, 10);
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Daily in/out MB from whatever the usage endpoint returns: a bare array or an object holding one under
 * a usual name; MB or bytes; numbers or numeric strings. Entries without a date are dropped, missing
 * amounts count as 0. `null` when no series can be found at all (the caller treats that as a shape error).
 */
export function parseKeyUsage(answer: unknown): KeyUsageDay[] | null {
  const series = Array.isArray(answer)
    ? answer
    : isRecord(answer)
      ? SERIES_FIELDS.map((f) => answer[f]).find(Array.isArray)
      : undefined;
  if (!series) return null;
  const days: KeyUsageDay[] = [];
  for (const entry of series) {
    if (!isRecord(entry)) continue;
    const date = pickDate(entry);
    if (!date) continue;
    const inMB = pickNumber(entry, IN_MB_FIELDS) ?? pickNumber(entry, IN_BYTES_FIELDS, BYTES_PER_MB) ?? 0;
    const outMB = pickNumber(entry, OUT_MB_FIELDS) ?? pickNumber(entry, OUT_BYTES_FIELDS, BYTES_PER_MB) ?? 0;
    days.push({ date, inMB, outMB });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
