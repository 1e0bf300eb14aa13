// The reseller API under /v1/reseller/pool-keys (docs/UPSTREAM.md "Endpoints"): mint, list, get, update,
// top up, regenerate, reveal, delete, audit and usage, with the platform's validation and answers.
import { Hono } from 'hono';
import { MintKeyInput, TopUpInput, UpdateKeyInput } from '../../src/pool/contract.ts';
import { type Ctx, type Env, nestError, readInput } from './http.ts';
import { idempotent } from './idempotency.ts';
import { capAboveCeiling, checkExpiresAt, createKey, findKey, notFound, recordAudit, wire } from './keys.ts';
import { DAY_MS, day, hex, keyNow, state } from './store.ts';

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

export const resellerApi = new Hono<Env>()
  .post('/reseller/pool-keys', idempotent, async (c) => {
    const read = await readInput(c, MintKeyInput);
    if (!read.ok) return read.res;
    const refused = checkExpiresAt(read.input.expiresAt) ?? capAboveCeiling(read.input.trafficCapGB);
    if (refused) return nestError(c, 400, [refused]);
    const key = createKey(read.input, c);
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
    const read = await readInput(c, UpdateKeyInput);
    if (!read.ok) return read.res;
    const patch = read.input;
    if (patch.trafficCapGB === null)
      return nestError(c, 400, ['trafficCapGB: an unlimited key (null) needs a partner account']);
    const refused = checkExpiresAt(patch.expiresAt) ?? capAboveCeiling(patch.trafficCapGB);
    if (refused) return nestError(c, 400, [refused]);
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
    const read = await readInput(c, TopUpInput);
    if (!read.ok) return read.res;
    const { addTrafficGB, extendDays } = read.input;
    const cap =
      key.trafficCapGB === null || addTrafficGB === undefined ? key.trafficCapGB : key.trafficCapGB + addTrafficGB;
    const refused = capAboveCeiling(cap);
    if (refused) return nestError(c, 400, [refused]);
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
  });
