// Proxies.sx simulator: the reseller API and public gateway endpoints of docs/UPSTREAM.md under /v1, with
// its rules (auth 401/403, cap validation, 24 h idempotency replay, top-up semantics, auto-suspend at the
// cap, expiry, per-key sessions), and test controls under /_sim/proxies/ (README "Simulators").
// Shapes and fixtures come from src/pool/contract.ts, the same module the shop's client validates with.
import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import {
  type ActiveSession,
  type AuditAction,
  type AuditEvent,
  IDEMPOTENCY_KEY_PATTERN,
  INCIDENTS_SAMPLE,
  type Incident,
  MintKeyInput,
  type PoolAccessKey,
  type PoolStock,
  STOCK_SAMPLE,
  stockTotals,
  TopUpInput,
  UpdateKeyInput,
  WHOLESALE_PRICING_SAMPLE,
} from '../src/pool/contract.ts';
import { onReset, recordCall } from './state.ts';

/** The key in .dev.vars.example: full scope (`customers:write`). */
export const SIM_RESELLER_KEY = 'psx_sim_reseller_key';
/** A valid key without the `customers:write` scope: every reseller call answers 403. */
export const SIM_NO_SCOPE_KEY = 'psx_sim_no_scope_key';
/** The reseller username the simulated gateway reports in sessions (the shop's default PROXIES_SX_USERNAME). */
const SIM_USERNAME = 'psx_acme';

const DAY_MS = 86_400_000;
const MB_PER_GB = 1024;
const IDEMPOTENCY_WINDOW_MS = DAY_MS;

type Env = { Bindings: HttpBindings; Variables: { requestId: string } };
type Ctx = Context<Env>;

interface SimKey {
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

interface StoredSession extends ActiveSession {
  pakId: string;
}

export type FaultKind = 'latency' | 'error' | 'rate_limit' | 'reset' | 'malformed' | 'slow_body';

export interface Fault {
  kind: FaultKind;
  /** How many more matching calls it applies to. */
  remaining: number;
  /** Only calls with this method / whose path (after /v1) starts with this. */
  method?: string;
  path?: string;
  /** latency and slow_body: how long to stall (ms). */
  ms?: number;
  /** error: the status (default 500). */
  status?: number;
  /** rate_limit: the retry-after header value in seconds (default 1). */
  retryAfter?: number;
  /** reset: act on the call first, then cut the connection (the caller cannot know it succeeded). */
  afterProcessing?: boolean;
}

const state = {
  keys: new Map<string, SimKey>(),
  audit: [] as AuditEvent[],
  sessions: [] as StoredSession[],
  idempotency: new Map<string, { at: number; answer: Promise<{ status: number; body: string }> }>(),
  faults: [] as Fault[],
  clockOffsetMs: 0,
  stock: null as PoolStock['pools'] | null,
  incidents: null as { incidents: Incident[]; bare: boolean } | null,
};

onReset(() => {
  state.keys.clear();
  state.audit.length = 0;
  state.sessions.length = 0;
  state.idempotency.clear();
  state.faults.length = 0;
  state.clockOffsetMs = 0;
  state.stock = null;
  state.incidents = null;
});

const now = () => Date.now() + state.clockOffsetMs;
const keyNow = (key: SimKey) => now() + key.clockOffsetMs;
const hex = (bytes: number) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── Platform behaviour ──────────────────────────────────────────────────────────────────────────────

function recordAudit(
  action: AuditAction,
  pakId: string | null,
  c: Ctx | null,
  metadata: Record<string, unknown> = {},
  at = now(),
): void {
  state.audit.unshift({
    id: hex(12),
    pakId,
    action,
    ip: c ? '203.0.113.10' : null,
    userAgent: c?.req.header('user-agent') ?? null,
    requestId: c?.get('requestId') ?? null,
    authMethod: c ? 'apiKey' : 'system',
    metadata,
    createdAt: iso(at),
  });
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

function mask(secret: string): string {
  return `${secret.slice(0, 8)}${'*'.repeat(16)}${secret.slice(-4)}`;
}

function wire(key: SimKey, reveal: boolean): PoolAccessKey {
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

// ── HTTP helpers: NestJS-style errors ──────────────────────────────────────────────────────────────

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function nestError(c: Ctx, status: number, message: string | string[], extra: Record<string, unknown> = {}) {
  return c.json({ statusCode: status, message, error: REASONS[status] ?? 'Error', ...extra }, status as 400);
}

async function readBody(c: Ctx): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; res: Response }> {
  const text = await c.req.text();
  if (!text.trim()) return { ok: true, body: {} };
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { ok: false, res: nestError(c, 400, ['body must be an object']) };
    return { ok: true, body: body as Record<string, unknown> };
  } catch {
    return { ok: false, res: nestError(c, 400, `Unexpected token in JSON body`) };
  }
}

function validationMessages(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `${i.path.map(String).join('.') || 'body'} ${i.message}`);
}

function unknownProperties(body: Record<string, unknown>, allowed: string[]): string[] {
  return Object.keys(body)
    .filter((k) => !allowed.includes(k))
    .map((k) => `property ${k} should not exist`);
}

function findKey(c: Ctx): SimKey | undefined {
  return state.keys.get(c.req.param('id') ?? '');
}

const notFound = (c: Ctx) => nestError(c, 404, 'Pool access key not found');

// ── Middleware: call log, faults, auth, idempotency ─────────────────────────────────────────────────

let inFlight = 0;

const recordAndFault: MiddlewareHandler<Env> = async (c, next) => {
  inFlight++;
  try {
    return await handleFaults(c, next);
  } finally {
    inFlight--;
  }
};

const handleFaults: MiddlewareHandler<Env> = async (c, next) => {
  const url = new URL(c.req.url);
  recordCall(c.req.method, url.pathname + url.search);
  const requestId = `req_${hex(8)}`;
  c.set('requestId', requestId);
  c.header('x-request-id', requestId);
  const path = url.pathname.replace(/^\/v1/, '');
  const fault = state.faults.find(
    (f) =>
      f.remaining > 0 && (!f.method || f.method.toUpperCase() === c.req.method) && (!f.path || path.startsWith(f.path)),
  );
  if (!fault) return next();
  fault.remaining--;
  state.faults = state.faults.filter((f) => f.remaining > 0);
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.ms ?? 1000);
      return next();
    case 'error':
      return nestError(c, fault.status ?? 500, 'Simulated upstream failure');
    case 'rate_limit':
      c.header('retry-after', String(fault.retryAfter ?? 1));
      return nestError(c, 429, 'ThrottlerException: Too Many Requests');
    case 'reset':
      if (fault.afterProcessing) await next();
      c.env.incoming.socket.destroy();
      c.res = new Response(null, { status: 500 });
      return;
    case 'malformed': {
      await next();
      const status = c.res.status;
      c.res = new Response('{"id": "5f0c', {
        status,
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      });
      return;
    }
    case 'slow_body': {
      await next();
      const text = await c.res.text();
      const encoder = new TextEncoder();
      const half = Math.floor(text.length / 2);
      const stall = fault.ms ?? 1000;
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode(text.slice(0, half)));
          await sleep(stall);
          try {
            controller.enqueue(encoder.encode(text.slice(half)));
            controller.close();
          } catch {
            // the client went away
          }
        },
      });
      c.res = new Response(body, { status: c.res.status, headers: c.res.headers });
      return;
    }
  }
};

const resellerAuth: MiddlewareHandler<Env> = async (c, next) => {
  const key = c.req.header('x-api-key');
  if (key === SIM_RESELLER_KEY) return next();
  if (key === SIM_NO_SCOPE_KEY) return nestError(c, 403, 'API key lacks required scope: customers:write');
  // Older platform fixtures answer 401 with this bare body.
  if (!key) return c.json({ error: 'unauthorized' }, 401);
  return nestError(c, 401, 'Invalid API key');
};

/** POST with `Idempotency-Key`: the first answer is replayed for 24 h (concurrent duplicates wait for it). */
const idempotent: MiddlewareHandler<Env> = async (c, next) => {
  const idemKey = c.req.header('idempotency-key');
  if (idemKey === undefined) return next();
  if (!IDEMPOTENCY_KEY_PATTERN.test(idemKey))
    return nestError(c, 400, ['Idempotency-Key must be 8-128 characters of [A-Za-z0-9_-]']);
  const id = `${c.req.header('x-api-key')}|${c.req.method}|${new URL(c.req.url).pathname}|${idemKey}`;
  const stored = state.idempotency.get(id);
  if (stored && now() - stored.at < IDEMPOTENCY_WINDOW_MS) {
    const answer = await stored.answer;
    return c.body(answer.body, answer.status as 200, {
      'content-type': 'application/json',
      'idempotent-replayed': 'true',
    });
  }
  let settle!: (answer: { status: number; body: string }) => void;
  const answer = new Promise<{ status: number; body: string }>((resolve) => (settle = resolve));
  state.idempotency.set(id, { at: now(), answer });
  await next();
  const body = await c.res.clone().text();
  if (c.res.status >= 500) state.idempotency.delete(id);
  settle({ status: c.res.status, body });
};

// ── The API under /v1 ───────────────────────────────────────────────────────────────────────────────

function stockNow(): PoolStock {
  const pools = state.stock ?? STOCK_SAMPLE.pools;
  return { pools, totals: stockTotals(pools), generatedAt: iso(now()) };
}

function newSession(
  key: SimKey,
  input: { sid?: string; pool?: string; country?: string; rotation?: string; carrier?: string },
): StoredSession {
  const at = now();
  const sessionId = input.sid ?? `auto_${hex(4)}`;
  const pool = input.pool ?? 'mbl';
  const country = input.country ?? 'us';
  const rotation = input.rotation ?? (input.sid ? 'sticky' : 'auto10');
  const username = [
    SIM_USERNAME,
    pool,
    country,
    'sid',
    sessionId,
    ...(rotation === 'auto10' ? [] : ['rot', rotation]),
  ].join('-');
  return {
    pakId: key.id,
    sessionKey: `${SIM_USERNAME}:${sessionId}:${pool}:${country}:${hex(3)}`,
    accountId: SIM_USERNAME,
    sessionId,
    pool,
    country,
    carrier: input.carrier ?? 'tmobile',
    endpointId: `ep_${hex(4)}`,
    rotation,
    createdAt: at,
    lastActivityAt: at,
    expiresAt: at + 3600_000,
    ttl: 3600,
    currentIp: `172.56.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
    requestCount: 0,
    bytesIn: 0,
    bytesOut: 0,
    proxyUrl: `http://${username}:<PASSWORD>@gw.proxies.sx:7000`,
    socks5Url: `socks5://${username}:<PASSWORD>@gw.proxies.sx:7001`,
    isSynthesizedSid: input.sid === undefined,
  };
}

const publicSession = ({ pakId: _pakId, ...session }: StoredSession): ActiveSession => session;

function checkExpiresAt(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Date.parse(value) <= now() ? 'expiresAt must be a date in the future' : undefined;
}

function auditQuery(c: Ctx, max: number): { ok: true; limit: number; before?: number } | { ok: false; res: Response } {
  const limitText = c.req.query('limit');
  const limit = limitText === undefined ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    return { ok: false, res: nestError(c, 400, [`limit must be an integer between 1 and ${max}`]) };
  const beforeText = c.req.query('before');
  if (beforeText === undefined) return { ok: true, limit };
  const before = Date.parse(beforeText);
  if (!Number.isFinite(before)) return { ok: false, res: nestError(c, 400, ['before must be an ISO date']) };
  return { ok: true, limit, before };
}

export const proxiesApi = new Hono<Env>()
  .use('/reseller/*', recordAndFault, resellerAuth)
  .use('/gateway/pool/my-sessions/*', recordAndFault, resellerAuth)
  .use('/gateway/pool/stock', recordAndFault)
  .use('/gateway/incidents', recordAndFault)
  .use('/x402/*', recordAndFault)

  .post('/reseller/pool-keys', idempotent, async (c) => {
    const read = await readBody(c);
    if (!read.ok) return read.res;
    const extra = unknownProperties(read.body, ['label', 'trafficCapGB', 'expiresAt']);
    const parsed = MintKeyInput.safeParse(read.body);
    if (extra.length || !parsed.success)
      return nestError(c, 400, [...extra, ...(parsed.success ? [] : validationMessages(parsed.error.issues))]);
    const past = checkExpiresAt(parsed.data.expiresAt);
    if (past) return nestError(c, 400, [past]);
    const at = now();
    const key: SimKey = {
      id: hex(12),
      secret: `pak_${hex(12)}`,
      label: parsed.data.label,
      enabled: true,
      trafficCapGB: parsed.data.trafficCapGB,
      trafficUsedMB: 0,
      expiresAt: parsed.data.expiresAt ? Date.parse(parsed.data.expiresAt) : null,
      lastUsedAt: null,
      createdAt: at,
      updatedAt: at,
      clockOffsetMs: 0,
      usage: new Map(),
    };
    state.keys.set(key.id, key);
    recordAudit('create', key.id, c, { label: key.label, trafficCapGB: key.trafficCapGB });
    return c.json(wire(key, true), 201);
  })
  .get('/reseller/pool-keys', (c) => c.json([...state.keys.values()].map((k) => wire(k, false))))
  .get('/reseller/pool-keys/audit', (c) => {
    const q = auditQuery(c, 500);
    if (!q.ok) return q.res;
    const action = c.req.query('action');
    const events = state.audit.filter(
      (e) => (!action || e.action === action) && (q.before === undefined || Date.parse(e.createdAt) < q.before),
    );
    return c.json(events.slice(0, q.limit));
  })
  .get('/reseller/pool-keys/:id', (c) => {
    const key = findKey(c);
    return key ? c.json(wire(key, false)) : notFound(c);
  })
  .patch('/reseller/pool-keys/:id', async (c) => {
    const key = findKey(c);
    if (!key) return notFound(c);
    const read = await readBody(c);
    if (!read.ok) return read.res;
    const extra = unknownProperties(read.body, ['label', 'enabled', 'trafficCapGB', 'expiresAt']);
    const parsed = UpdateKeyInput.safeParse(read.body);
    if (extra.length || !parsed.success)
      return nestError(c, 400, [...extra, ...(parsed.success ? [] : validationMessages(parsed.error.issues))]);
    const patch = parsed.data;
    if (patch.trafficCapGB === null)
      return nestError(c, 400, ['trafficCapGB: an unlimited key (null) needs a partner account']);
    const past = checkExpiresAt(patch.expiresAt);
    if (past) return nestError(c, 400, [past]);
    if (patch.label !== undefined) key.label = patch.label;
    if (patch.enabled !== undefined) key.enabled = patch.enabled;
    if (patch.trafficCapGB !== undefined) key.trafficCapGB = patch.trafficCapGB;
    if (patch.expiresAt !== undefined) key.expiresAt = patch.expiresAt === null ? null : Date.parse(patch.expiresAt);
    key.updatedAt = keyNow(key);
    recordAudit('update', key.id, c, { ...patch });
    return c.json(wire(key, false));
  })
  .post('/reseller/pool-keys/:id/topup', idempotent, async (c) => {
    const key = findKey(c);
    if (!key) return notFound(c);
    const read = await readBody(c);
    if (!read.ok) return read.res;
    const extra = unknownProperties(read.body, ['addTrafficGB', 'extendDays']);
    const parsed = TopUpInput.safeParse(read.body);
    if (extra.length || !parsed.success)
      return nestError(c, 400, [...extra, ...(parsed.success ? [] : validationMessages(parsed.error.issues))]);
    const { addTrafficGB, extendDays } = parsed.data;
    const cap =
      key.trafficCapGB === null || addTrafficGB === undefined ? key.trafficCapGB : key.trafficCapGB + addTrafficGB;
    if (cap !== null && cap > 1000) return nestError(c, 400, ['trafficCapGB must not be greater than 1000']);
    // Atomic: both changes or neither. A null cap stays null; expiry never shortens; no re-enable.
    key.trafficCapGB = cap;
    if (extendDays !== undefined && key.expiresAt !== null)
      key.expiresAt = Math.max(keyNow(key), key.expiresAt) + extendDays * DAY_MS;
    key.updatedAt = keyNow(key);
    recordAudit('topup', key.id, c, { addTrafficGB, extendDays });
    return c.json(wire(key, false));
  })
  .post('/reseller/pool-keys/:id/regenerate', idempotent, (c) => {
    const key = findKey(c);
    if (!key) return notFound(c);
    key.secret = `pak_${hex(12)}`;
    key.updatedAt = keyNow(key);
    recordAudit('regenerate', key.id, c);
    return c.json(wire(key, true));
  })
  .post('/reseller/pool-keys/:id/reveal', (c) => {
    const key = findKey(c);
    if (!key) return notFound(c);
    recordAudit('reveal', key.id, c);
    return c.json(wire(key, true));
  })
  .delete('/reseller/pool-keys/:id', (c) => {
    const key = findKey(c);
    if (!key) return notFound(c);
    state.keys.delete(key.id);
    state.sessions = state.sessions.filter((s) => s.pakId !== key.id);
    recordAudit('delete', key.id, c);
    return c.json({ message: 'Pool access key deleted' });
  })
  .get('/reseller/pool-keys/:id/audit', (c) => {
    const key = findKey(c);
    if (!key) return notFound(c);
    const q = auditQuery(c, 200);
    if (!q.ok) return q.res;
    const events = state.audit.filter(
      (e) => e.pakId === key.id && (q.before === undefined || Date.parse(e.createdAt) < q.before),
    );
    return c.json(events.slice(0, q.limit));
  })
  .get('/reseller/pool-keys/:id/usage', (c) => {
    const key = findKey(c);
    if (!key) return notFound(c);
    const days = Number(c.req.query('days') ?? 30);
    if (!Number.isInteger(days) || days < 1 || days > 365)
      return nestError(c, 400, ['days must be an integer between 1 and 365']);
    const today = keyNow(key);
    const series = Array.from({ length: days }, (_, i) => {
      const date = day(today - (days - 1 - i) * DAY_MS);
      const used = key.usage.get(date) ?? { inMB: 0, outMB: 0 };
      return { date, inMB: used.inMB, outMB: used.outMB };
    });
    const sum = (field: 'inMB' | 'outMB') => series.reduce((a, d) => a + d[field], 0);
    return c.json({ pakId: key.id, days, series, totals: { inMB: sum('inMB'), outMB: sum('outMB') } });
  })

  .get('/gateway/pool/stock', (c) => c.json(stockNow()))
  .get('/gateway/incidents', (c) => {
    const feed = state.incidents ?? { incidents: INCIDENTS_SAMPLE, bare: false };
    return c.json(feed.bare ? feed.incidents : { incidents: feed.incidents, generatedAt: iso(now()) });
  })
  .get('/x402/pricing', (c) => c.json(WHOLESALE_PRICING_SAMPLE))

  // Reseller-wide without pakId, exactly like the platform: that is why the shop always sends it.
  .get('/gateway/pool/my-sessions', (c) => {
    const pakId = c.req.query('pakId');
    const sessions = state.sessions.filter((s) => !pakId || s.pakId === pakId).map(publicSession);
    return c.json({ sessions, count: sessions.length });
  })
  .delete('/gateway/pool/my-sessions', (c) => {
    const pakId = c.req.query('pakId');
    const before = state.sessions.length;
    state.sessions = state.sessions.filter((s) => pakId && s.pakId !== pakId);
    const count = before - state.sessions.length;
    return c.json({ success: true, message: `Closed ${count} session(s)`, count });
  })
  .delete('/gateway/pool/my-sessions/:sessionKey', (c) => {
    const pakId = c.req.query('pakId');
    const sessionKey = c.req.param('sessionKey');
    const index = state.sessions.findIndex((s) => s.sessionKey === sessionKey && (!pakId || s.pakId === pakId));
    if (index < 0) return c.json({ success: false, message: 'Session not found' });
    state.sessions.splice(index, 1);
    return c.json({ success: true, message: 'Session closed' });
  });

// ── Test controls under /_sim/proxies ───────────────────────────────────────────────────────────────

const FAULT_KINDS: FaultKind[] = ['latency', 'error', 'rate_limit', 'reset', 'malformed', 'slow_body'];

function advanceBy(body: Record<string, unknown>): number | undefined {
  const ms =
    typeof body.advanceMs === 'number'
      ? body.advanceMs
      : typeof body.advanceDays === 'number'
        ? body.advanceDays * DAY_MS
        : undefined;
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined;
}

async function controlBody(c: Ctx): Promise<Record<string, unknown>> {
  const body = (await c.req.json().catch(() => ({}))) as unknown;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

export const proxiesControls = new Hono<Env>()
  /** Every live key with its unmasked secret and clock, for tests. */
  .get('/keys', (c) =>
    c.json([...state.keys.values()].map((k) => ({ ...wire(k, true), clockOffsetMs: k.clockOffsetMs }))),
  )
  /** `{usedMB}` sets the key's total usage, `{addMB}` adds to it; the gateway's flush (auto-suspend at the cap) follows. */
  .post('/keys/:id/usage', async (c) => {
    const key = findKey(c);
    if (!key) return c.json({ error: 'unknown key' }, 404);
    const body = await controlBody(c);
    const target =
      typeof body.usedMB === 'number'
        ? body.usedMB
        : typeof body.addMB === 'number'
          ? key.trafficUsedMB + body.addMB
          : undefined;
    if (target === undefined || !Number.isFinite(target) || target < 0)
      return c.json({ error: 'send {usedMB} or {addMB}, MB ≥ 0' }, 400);
    const delta = target - key.trafficUsedMB;
    if (delta > 0) {
      const today = day(keyNow(key));
      const used = key.usage.get(today) ?? { inMB: 0, outMB: 0 };
      key.usage.set(today, { inMB: used.inMB + delta * 0.2, outMB: used.outMB + delta * 0.8 });
      key.lastUsedAt = keyNow(key);
    }
    key.trafficUsedMB = target;
    applyCapSuspension(key);
    return c.json(wire(key, true));
  })
  /** `{advanceMs}` or `{advanceDays}`: moves this key's clock (expiry, nightly job, usage days). */
  .post('/keys/:id/clock', async (c) => {
    const key = findKey(c);
    if (!key) return c.json({ error: 'unknown key' }, 404);
    const ms = advanceBy(await controlBody(c));
    if (ms === undefined) return c.json({ error: 'send {advanceMs} or {advanceDays}' }, 400);
    key.clockOffsetMs += ms;
    return c.json(wire(key, true));
  })
  /** Fake gateway sessions for a key: `{count?, sid?, pool?, country?, rotation?, carrier?}`. */
  .post('/keys/:id/sessions', async (c) => {
    const key = findKey(c);
    if (!key) return c.json({ error: 'unknown key' }, 404);
    const body = await controlBody(c);
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const n = typeof body.count === 'number' && body.count >= 1 ? Math.min(250, Math.floor(body.count)) : 1;
    const created = Array.from({ length: n }, (_, i) =>
      newSession(key, {
        sid: str(body.sid) && n > 1 ? `${str(body.sid)}_${i + 1}` : str(body.sid),
        pool: str(body.pool),
        country: str(body.country),
        rotation: str(body.rotation),
        carrier: str(body.carrier),
      }),
    );
    state.sessions.push(...created);
    return c.json(created.map(publicSession), 201);
  })
  /** `{advanceMs}` or `{advanceDays}`: moves the whole simulator's clock. */
  .post('/clock', async (c) => {
    const ms = advanceBy(await controlBody(c));
    if (ms === undefined) return c.json({ error: 'send {advanceMs} or {advanceDays}' }, 400);
    state.clockOffsetMs += ms;
    return c.json({ now: iso(now()), offsetMs: state.clockOffsetMs });
  })
  /** Faults for the next N matching Proxies.sx calls: `{kind, count?, method?, path?, ms?, status?, retryAfter?, afterProcessing?}`. */
  .post('/faults', async (c) => {
    const body = await controlBody(c);
    if (!FAULT_KINDS.includes(body.kind as FaultKind))
      return c.json({ error: `kind must be one of ${FAULT_KINDS.join(', ')}` }, 400);
    const fault: Fault = {
      kind: body.kind as FaultKind,
      remaining: typeof body.count === 'number' && body.count >= 1 ? Math.floor(body.count) : 1,
      method: typeof body.method === 'string' ? body.method.toUpperCase() : undefined,
      path: typeof body.path === 'string' ? body.path : undefined,
      ms: typeof body.ms === 'number' ? body.ms : undefined,
      status: typeof body.status === 'number' ? body.status : undefined,
      retryAfter: typeof body.retryAfter === 'number' ? body.retryAfter : undefined,
      afterProcessing: body.afterProcessing === true,
    };
    state.faults.push(fault);
    return c.json(state.faults, 201);
  })
  .get('/faults', (c) => c.json(state.faults))
  /** How many Proxies.sx calls are being handled right now (e.g. held by a latency fault): wait for 0. */
  .get('/inflight', (c) => c.json({ count: inFlight }))
  .delete('/faults', (c) => {
    state.faults.length = 0;
    return c.json({ ok: true });
  })
  /** `{pools: {mbl: {cc: n}, peer: {cc: n}}}` replaces the stock sample (totals are computed). */
  .put('/stock', async (c) => {
    const body = await controlBody(c);
    const pools = body.pools as PoolStock['pools'] | undefined;
    if (!pools || typeof pools.mbl !== 'object' || typeof pools.peer !== 'object')
      return c.json({ error: 'send {pools: {mbl, peer}}' }, 400);
    state.stock = pools;
    return c.json(stockNow());
  })
  /** `{incidents: Incident[], bare?: true}` replaces the sample; `bare` answers in the older bare-array form. */
  .put('/incidents', async (c) => {
    const body = await controlBody(c);
    if (!Array.isArray(body.incidents)) return c.json({ error: 'send {incidents: [...]}' }, 400);
    state.incidents = { incidents: body.incidents as Incident[], bare: body.bare === true };
    return c.json({ ok: true });
  });
