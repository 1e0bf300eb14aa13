// The Proxies.sx reseller API client (docs/UPSTREAM.md). No Hono: routes and jobs create it from config.
// Every response is validated against src/pool/contract.ts, so a changed upstream fails loudly. The
// transport (transport.ts, retries.ts) is apart from the endpoints (keys.ts, gateway.ts); this binds them.
import type { ActiveSession, MintKeyInput, TopUpInput, UpdateKeyInput } from './contract.ts';
import * as gateway from './gateway.ts';
import * as keys from './keys.ts';
import { type CallOptions, createTransport, type PoolClientOptions } from './transport.ts';

export function createPoolClient(options: PoolClientOptions) {
  const t = createTransport(options);
  return {
    mintKey: (input: MintKeyInput, opts?: CallOptions) => keys.mintKey(t, input, opts),
    listKeys: (opts?: CallOptions) => keys.listKeys(t, opts),
    listKeyUsage: (opts?: CallOptions) => keys.listKeyUsage(t, opts),
    getKey: (id: string, opts?: CallOptions) => keys.getKey(t, id, opts),
    updateKey: (id: string, patch: UpdateKeyInput, opts?: CallOptions) => keys.updateKey(t, id, patch, opts),
    topUpKey: (id: string, input: TopUpInput, opts?: CallOptions) => keys.topUpKey(t, id, input, opts),
    regenerateKey: (id: string, opts?: CallOptions) => keys.regenerateKey(t, id, opts),
    revealKey: (id: string, opts?: CallOptions) => keys.revealKey(t, id, opts),
    deleteKey: (id: string, opts?: CallOptions) => keys.deleteKey(t, id, opts),
    keyAudit: (id: string, query?: keys.AuditQuery) => keys.keyAudit(t, id, query),
    resellerAudit: (query?: keys.AuditQuery & { action?: string }) => keys.resellerAudit(t, query),
    keyUsage: (id: string, days?: number) => keys.keyUsage(t, id, days),
    listSessions: (pakId: string) => gateway.listSessions(t, pakId),
    closeSession: (pakId: string, sessionKey: string) => gateway.closeSession(t, pakId, sessionKey),
    closeAllSessions: (pakId: string) => gateway.closeAllSessions(t, pakId),
    stock: (opts?: CallOptions) => gateway.stock(t, opts),
    incidents: (opts?: CallOptions) => gateway.incidents(t, opts),
    wholesalePricing: () => gateway.wholesalePricing(t),
  };
}

export type PoolClient = ReturnType<typeof createPoolClient>;
export type { AuditQuery } from './keys.ts';
export {
  type CallOptions,
  type PoolClientOptions,
  parseRetryAfter,
  type UpstreamConfig,
} from './transport.ts';
export type { ActiveSession };
