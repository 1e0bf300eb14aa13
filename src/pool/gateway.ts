// The Pool Gateway as the API reports it (docs/UPSTREAM.md "Endpoints"): one key's live sessions and closing
// them, and the public feeds: stock per country, incidents and the platform's wholesale pricing.
import {
  CloseSessionAnswer,
  IncidentsAnswer,
  type IncidentsFeed,
  KEY_ID_PATTERN,
  PoolStock,
  SessionsAnswer,
  toIncidentsFeed,
  WholesalePricing,
} from './contract.ts';
import { UpstreamError } from './errors.ts';
import { request } from './retries.ts';
import { type CallOptions, schemaParser, type Transport } from './transport.ts';

function requirePakId(pakId: string): string {
  // Without pakId the platform answers with EVERY customer's sessions: never send that.
  if (!KEY_ID_PATTERN.test(pakId))
    throw new UpstreamError('config', 'sessions calls need the customer key id (pakId)', {
      operation: 'sessions',
      retryable: false,
    });
  return pakId;
}

/** Active gateway sessions of ONE key (the platform would return every customer's without pakId). */
export async function listSessions(t: Transport, pakId: string) {
  return request(t, {
    operation: 'list sessions',
    method: 'GET',
    path: '/gateway/pool/my-sessions',
    query: { pakId: requirePakId(pakId) },
    parse: schemaParser(SessionsAnswer),
  });
}

/** Closes one session of the key; `{success: false}` when it is unknown or not this key's. */
export async function closeSession(t: Transport, pakId: string, sessionKey: string) {
  if (!sessionKey)
    throw new UpstreamError('config', 'sessionKey is required', { operation: 'close session', retryable: false });
  return request(t, {
    operation: 'close session',
    method: 'DELETE',
    path: `/gateway/pool/my-sessions/${encodeURIComponent(sessionKey)}`,
    query: { pakId: requirePakId(pakId) },
    parse: schemaParser(CloseSessionAnswer),
    doneAnswer: { success: true, message: 'Session closed' },
    checkState: async () =>
      (await listSessions(t, pakId)).sessions.some((s) => s.sessionKey === sessionKey) ? 'retry' : 'done',
  });
}

/** Closes every session of the key. */
export async function closeAllSessions(t: Transport, pakId: string) {
  return request(t, {
    operation: 'close all sessions',
    method: 'DELETE',
    path: '/gateway/pool/my-sessions',
    query: { pakId: requirePakId(pakId) },
    parse: schemaParser(CloseSessionAnswer),
    doneAnswer: { success: true, message: 'Sessions closed' },
    checkState: async () => ((await listSessions(t, pakId)).sessions.length > 0 ? 'retry' : 'done'),
  });
}

/** Public pool stock per country. */
export async function stock(t: Transport, opts: CallOptions = {}) {
  return request(t, {
    operation: 'stock',
    method: 'GET',
    path: '/gateway/pool/stock',
    parse: schemaParser(PoolStock),
    maxRetries: opts.maxRetries,
  });
}

const incidentsParser = schemaParser(IncidentsAnswer);

/** Public incidents, from either the envelope or the older bare array. */
export async function incidents(t: Transport, opts: CallOptions = {}): Promise<IncidentsFeed> {
  return request(t, {
    operation: 'incidents',
    method: 'GET',
    path: '/gateway/incidents',
    maxRetries: opts.maxRetries,
    parse: (json) => {
      const result = incidentsParser(json);
      return result.ok ? { ok: true, value: toIncidentsFeed(result.value) } : result;
    },
  });
}

/** The platform's current wholesale rates, opaque JSON. */
export async function wholesalePricing(t: Transport) {
  return request(t, {
    operation: 'wholesale pricing',
    method: 'GET',
    path: '/x402/pricing',
    parse: schemaParser(WholesalePricing),
  });
}
