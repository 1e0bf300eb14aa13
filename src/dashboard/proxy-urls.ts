// Proxy URLs of the customer's own current key, built by the dashboard's URL builder (src/shared/proxy-url.ts):
// one URL, or a batch of sticky ones. The secret comes from its sealed copy (src/keys/reveal.ts).
import { ownKey, readSecret } from '../keys/index.ts';
import {
  buildProxyUrl,
  buildStickyBatch,
  isValidSessionId,
  MAX_BATCH_PREFIX,
  normaliseSessionId,
  type Pool,
  type ProxyProtocol,
  type ProxyUrlResult,
  type RotationMode,
} from '../shared/proxy-url.ts';
import type { DashboardServices } from './account.ts';
import { DashboardError } from './errors.ts';

export interface ProxyListRequest {
  pool: Pool;
  protocol: ProxyProtocol;
  country?: string;
  rotation?: RotationMode;
  sid?: string;
  /** A sticky batch of this many URLs; one URL as asked when left out. */
  count?: number;
}

export interface ProxyListEntry {
  url: string;
  protocol: ProxyProtocol;
  host: string;
  port: number;
  username: string;
  password: string;
  sid: string | null;
}

/** A short random sid prefix for a batch asked for without one. */
function randomPrefix(): string {
  return `b${crypto.randomUUID().replace(/-/g, '').slice(0, 9)}`;
}

function checkSid(sid: string, maxLength: number): void {
  if (isValidSessionId(sid) && sid.length <= maxLength) return;
  const proposed = normaliseSessionId(sid)?.slice(0, maxLength);
  throw new DashboardError(
    'invalid_request',
    `sid must be 1–${maxLength} of a–z, 0–9 and _ (no dashes or spaces)${proposed ? `: try ${proposed}` : ''}.`,
  );
}

export async function proxyUrlList(
  services: DashboardServices,
  customerId: string,
  request: ProxyListRequest,
): Promise<ProxyListEntry[]> {
  const { config } = services;
  if (request.country !== undefined && !config.countries.includes(request.country))
    throw new DashboardError(
      'invalid_request',
      `country: the shop offers ${config.countries.join(', ')}; ${request.country} is not one of them.`,
    );
  if (request.count !== undefined && request.rotation !== undefined && request.rotation !== 'sticky')
    throw new DashboardError('invalid_request', 'count makes sticky URLs: leave rotation out or set it to sticky.');
  if (request.sid !== undefined) checkSid(request.sid, request.count === undefined ? 64 : MAX_BATCH_PREFIX);
  const { secret } = await readSecret(services, await ownKey(services, customerId));
  const options = {
    host: config.upstream.gatewayHost,
    username: config.upstream.username,
    key: secret,
    protocol: request.protocol,
    pool: request.pool,
    country: request.country,
  };
  const prefix = request.sid ?? randomPrefix();
  const built: { sid: string | null; result: ProxyUrlResult }[] =
    request.count === undefined
      ? [
          {
            sid: request.sid ?? null,
            result: buildProxyUrl({ ...options, sid: request.sid, rotation: request.rotation }),
          },
        ]
      : buildStickyBatch(options, prefix, request.count).map((result, i) => ({ sid: `${prefix}_${i + 1}`, result }));
  return built.map(({ sid, result }) => {
    if (!result.ok) throw new DashboardError('invalid_request', `${result.error.field}: ${result.error.message}`);
    const { url, protocol, host, port, proxyUsername } = result;
    return { url, protocol, host, port, username: proxyUsername, password: secret, sid };
  });
}
