// Gateway sessions as the platform reports them (ActiveSession of the contract), kept per key.
import type { ActiveSession } from '../../src/pool/contract.ts';
import { hex, now, type SimKey, type StoredSession } from './store.ts';

/** The reseller username the simulated gateway reports in sessions (the shop's default PROXIES_SX_USERNAME). */
const SIM_USERNAME = 'psx_acme';

export function newSession(
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

/** A session as the API shows it (without the key it belongs to). */
export const publicSession = ({ pakId: _pakId, ...session }: StoredSession): ActiveSession => session;
