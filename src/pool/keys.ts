// The reseller's pool access keys (docs/UPSTREAM.md "Endpoints", /reseller/pool-keys): mint, read, change,
// top up, rotate, reveal, delete, and each key's audit trail and daily usage.
import {
  type AuditEvent,
  AuditEventList,
  DeleteKeyAnswer,
  IDEMPOTENCY_KEY_PATTERN,
  KEY_ID_PATTERN,
  type KeyUsageDay,
  KeyUsageReading,
  type MintKeyInput,
  PoolAccessKey,
  PoolAccessKeyList,
  PoolAccessKeyWithSecret,
  parseKeyUsage,
  type TopUpInput,
  type UpdateKeyInput,
} from './contract.ts';
import { UpstreamError } from './errors.ts';
import { readJsonArray } from './json-array-stream.ts';
import { request } from './retries.ts';
import { type CallOptions, schemaParser, type Transport } from './transport.ts';

export interface AuditQuery {
  before?: string;
  limit?: number;
}

const keyParser = schemaParser(PoolAccessKey);
const secretKeyParser = schemaParser(PoolAccessKeyWithSecret);

function keyPath(id: string, suffix = ''): string {
  if (!KEY_ID_PATTERN.test(id))
    throw new UpstreamError('config', `not a pool key id: ${JSON.stringify(id.slice(0, 40))}`, {
      operation: 'key id',
      retryable: false,
    });
  return `/reseller/pool-keys/${encodeURIComponent(id)}${suffix}`;
}

/** A POST's call options, its Idempotency-Key checked first (only a keyed POST is retried). */
function postOptions({ idempotencyKey, maxRetries }: CallOptions): CallOptions {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
    throw new UpstreamError('config', 'Idempotency-Key must be 8–128 of [A-Za-z0-9_-]', {
      operation: 'idempotency key',
      retryable: false,
    });
  return { idempotencyKey, maxRetries };
}

/** POST /reseller/pool-keys. Pass an idempotencyKey (e.g. from the order id) so a retry cannot mint twice. */
export async function mintKey(t: Transport, input: MintKeyInput, opts: CallOptions = {}) {
  return request(t, {
    operation: 'mint key',
    method: 'POST',
    path: '/reseller/pool-keys',
    body: input,
    parse: secretKeyParser,
    ...postOptions(opts),
  });
}

/** Every key of the reseller (bare array, no pagination; secrets may be masked). */
export async function listKeys(t: Transport, opts: CallOptions = {}) {
  return request(t, {
    operation: 'list keys',
    method: 'GET',
    path: '/reseller/pool-keys',
    parse: schemaParser(PoolAccessKeyList),
    maxRetries: opts.maxRetries,
  });
}

/**
 * The same list as listKeys, cut down to each key's id, enabled flag and usage as the answer streams in (the usage
 * sweep's one call: tens of MB for a big reseller, never held whole).
 */
export async function listKeyUsage(t: Transport, opts: CallOptions = {}) {
  const parse = schemaParser(KeyUsageReading);
  return request(t, {
    operation: 'list keys',
    method: 'GET',
    path: '/reseller/pool-keys',
    parse: () => ({ ok: false, problem: 'an answer without a body' }),
    stream: async (body) => {
      const readings: KeyUsageReading[] = [];
      const read = await readJsonArray(body, (element) => {
        const reading = parse(element);
        if (!reading.ok) return reading.problem;
        readings.push(reading.value);
        return null;
      });
      return read.ok ? { ok: true, value: readings } : read;
    },
    maxRetries: opts.maxRetries,
  });
}

/** The key (secret may be masked: use revealKey to read it). Throws with `notFound` when unknown. */
export async function getKey(t: Transport, id: string, opts: CallOptions = {}) {
  return request(t, {
    operation: 'get key',
    method: 'GET',
    path: keyPath(id),
    parse: keyParser,
    maxRetries: opts.maxRetries,
  });
}

/** PATCH: omitted fields unchanged; `expiresAt: null` removes the expiry. Absolute values, so safe to retry. */
export async function updateKey(t: Transport, id: string, patch: UpdateKeyInput, opts: CallOptions = {}) {
  return request(t, {
    operation: 'update key',
    method: 'PATCH',
    path: keyPath(id),
    body: patch,
    parse: keyParser,
    maxRetries: opts.maxRetries,
  });
}

/** Adds GB and/or days (never re-enables a suspended key). Retried only with an idempotencyKey. */
export async function topUpKey(t: Transport, id: string, input: TopUpInput, opts: CallOptions = {}) {
  return request(t, {
    operation: 'top up key',
    method: 'POST',
    path: keyPath(id, '/topup'),
    body: input,
    parse: keyParser,
    ...postOptions(opts),
  });
}

/** New secret, same id; the old one dies at once. Retried only with an idempotencyKey. */
export async function regenerateKey(t: Transport, id: string, opts: CallOptions = {}) {
  return request(t, {
    operation: 'regenerate key',
    method: 'POST',
    path: keyPath(id, '/regenerate'),
    parse: secretKeyParser,
    ...postOptions(opts),
  });
}

/** The unmasked secret; the platform writes a `reveal` audit event. */
export async function revealKey(t: Transport, id: string, opts: CallOptions = {}) {
  return request(t, {
    operation: 'reveal key',
    method: 'POST',
    path: keyPath(id, '/reveal'),
    parse: secretKeyParser,
    ...postOptions(opts),
  });
}

/** Deletes the key. After a failed attempt it GETs the key: gone → done, still there → DELETE again. */
export async function deleteKey(t: Transport, id: string, opts: CallOptions = {}) {
  return request<DeleteKeyAnswer>(t, {
    operation: 'delete key',
    method: 'DELETE',
    path: keyPath(id),
    parse: schemaParser(DeleteKeyAnswer),
    maxRetries: opts.maxRetries,
    doneAnswer: { message: 'Pool access key deleted' },
    checkState: async () => {
      try {
        await getKey(t, id, { maxRetries: 0 });
        return 'retry';
      } catch (err) {
        if (err instanceof UpstreamError && err.notFound) return 'done';
        throw err;
      }
    },
  });
}

/** Audit events of one key, newest first (limit 1–200). */
export async function keyAudit(t: Transport, id: string, query: AuditQuery = {}): Promise<AuditEvent[]> {
  return request(t, {
    operation: 'key audit',
    method: 'GET',
    path: keyPath(id, '/audit'),
    query: { before: query.before, limit: query.limit },
    parse: schemaParser(AuditEventList),
  });
}

/** Audit events of every key of the reseller, newest first (limit 1–500). For operators only. */
export async function resellerAudit(t: Transport, query: AuditQuery & { action?: string } = {}): Promise<AuditEvent[]> {
  return request(t, {
    operation: 'reseller audit',
    method: 'GET',
    path: '/reseller/pool-keys/audit',
    query: { action: query.action, before: query.before, limit: query.limit },
    parse: schemaParser(AuditEventList),
  });
}

/** Daily in/out MB for the last `days` (1–365), read defensively (the exact shape is unconfirmed). */
export async function keyUsage(t: Transport, id: string, days = 30): Promise<KeyUsageDay[]> {
  return request(t, {
    operation: 'key usage',
    method: 'GET',
    path: keyPath(id, '/usage'),
    query: { days },
    parse: (json) => {
      const series = parseKeyUsage(json);
      return series ? { ok: true, value: series } : { ok: false, problem: 'no daily series found' };
    },
  });
}
