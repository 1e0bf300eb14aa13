// Proxy URLs for the Proxies.sx Pool Gateway (docs/UPSTREAM.md "proxy URL grammar"). Pure and import-free:
// the Worker and the SPA share it. Every token is validated before it is emitted, because the gateway
// lowercases the username, splits it on `-` and silently drops what it does not understand.

export const POOLS = ['mbl', 'peer', 'any', 'best'] as const;
export type Pool = (typeof POOLS)[number];

/** No `auto30` and no `none`: the newer gateway has neither. */
export const ROTATION_MODES = ['auto5', 'auto10', 'auto20', 'auto60', 'ondemand', 'sticky', 'hard'] as const;
export type RotationMode = (typeof ROTATION_MODES)[number];
/** What the gateway does when no rot token is sent; the shop then omits the token. */
export const DEFAULT_ROTATION: RotationMode = 'auto10';

export type ProxyProtocol = 'http' | 'socks5';
export const PROTOCOL_PORTS: Record<ProxyProtocol, number> = { http: 7000, socks5: 7001 };

export const TTL_MIN_SECONDS = 60;
export const TTL_MAX_SECONDS = 2_592_000;

const TOKEN = /^[a-z0-9_]{1,64}$/;
const COUNTRY = /^[a-z]{2}$/;
const USERNAME = /^[a-z0-9_]{1,64}$/;
/** A gateway host name (lowercase, no port): the config validates GATEWAY_HOST with it too. */
export const GATEWAY_HOST_PATTERN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

export interface ProxyUrlOptions {
  /** Gateway host name (white-label DNS allowed), e.g. `gw.proxies.sx`. */
  host: string;
  /** The reseller's public username (`psx_…`), not the API key. */
  username: string;
  /** The customer's `pak_…` secret (or a placeholder while it is masked). */
  key: string;
  protocol?: ProxyProtocol;
  pool: Pool;
  /** Lowercase ISO 3166-1 alpha-2; omitted = any country. */
  country?: string;
  carrier?: string;
  city?: string;
  /** Sticky session id `[a-z0-9_]{1,64}`: see normaliseSessionId. */
  sid?: string;
  /** Omitted (or `auto10`) = the gateway default, no rot token. `sticky` needs a sid. */
  rotation?: RotationMode;
  /** Session lifetime in seconds, 60–2592000. */
  ttl?: number;
}

export type ProxyUrlField =
  | 'host'
  | 'username'
  | 'key'
  | 'protocol'
  | 'pool'
  | 'country'
  | 'carrier'
  | 'city'
  | 'sid'
  | 'rotation'
  | 'ttl';

export interface ProxyUrlError {
  field: ProxyUrlField;
  message: string;
}

export interface ProxyUrl {
  url: string;
  /** The full proxy username (reseller username and tokens), as the gateway will read it. */
  proxyUsername: string;
  host: string;
  port: number;
  protocol: ProxyProtocol;
}

export type ProxyUrlResult = ({ ok: true } & ProxyUrl) | { ok: false; error: ProxyUrlError };

const fail = (field: ProxyUrlField, message: string): ProxyUrlResult => ({ ok: false, error: { field, message } });

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Validates every token, then builds `{protocol}://{username-tokens}:{key}@{host}:{port}`. */
export function buildProxyUrl(options: ProxyUrlOptions): ProxyUrlResult {
  const protocol = options.protocol ?? 'http';
  if (!isOneOf(['http', 'socks5'] as const, protocol)) return fail('protocol', 'Protocol must be http or socks5.');
  if (typeof options.host !== 'string' || !GATEWAY_HOST_PATTERN.test(options.host))
    return fail('host', 'The gateway host must be a lowercase host name like gw.proxies.sx (no port).');
  if (typeof options.username !== 'string' || !USERNAME.test(options.username))
    return fail('username', 'The reseller username must be 1–64 of a–z, 0–9 and _.');
  if (typeof options.key !== 'string' || options.key.length === 0 || options.key.length > 256 || /\s/.test(options.key))
    return fail('key', 'The proxy key is missing or malformed.');
  if (!isOneOf(POOLS, options.pool)) return fail('pool', `Pool must be one of ${POOLS.join(', ')}.`);
  const tokens: string[] = [options.pool];
  if (options.country !== undefined) {
    if (!COUNTRY.test(options.country)) return fail('country', 'Country must be two lowercase letters, like us.');
    tokens.push(options.country);
  }
  for (const field of ['carrier', 'city', 'sid'] as const) {
    const value = options[field];
    if (value === undefined) continue;
    if (!TOKEN.test(value))
      return fail(
        field,
        `${field === 'sid' ? 'Session id' : field === 'city' ? 'City' : 'Carrier'} must be 1–64 of a–z, 0–9 and _ (no dashes or spaces).`,
      );
    tokens.push(field, value);
  }
  if (options.rotation !== undefined) {
    if (!isOneOf(ROTATION_MODES, options.rotation))
      return fail('rotation', `Rotation must be one of ${ROTATION_MODES.join(', ')}.`);
    if (options.rotation === 'sticky' && options.sid === undefined)
      return fail('sid', 'Sticky rotation needs a session id.');
    if (options.rotation !== DEFAULT_ROTATION) tokens.push('rot', options.rotation);
  }
  if (options.ttl !== undefined) {
    if (!Number.isInteger(options.ttl) || options.ttl < TTL_MIN_SECONDS || options.ttl > TTL_MAX_SECONDS)
      return fail(
        'ttl',
        `Session lifetime must be a whole number of seconds from ${TTL_MIN_SECONDS} to ${TTL_MAX_SECONDS}.`,
      );
    tokens.push('ttl', String(options.ttl));
  }
  const proxyUsername = [options.username, ...tokens].join('-');
  const port = PROTOCOL_PORTS[protocol];
  const url = `${protocol}://${encodeURIComponent(proxyUsername)}:${encodeURIComponent(options.key)}@${options.host}:${port}`;
  return { ok: true, url, proxyUsername, host: options.host, port, protocol };
}

/** The gateway keeps at most 250 open sessions per account: the most sticky URLs one batch makes. */
export const MAX_STICKY_BATCH = 250;
/** The longest sid prefix of a batch: `_250` must still fit in a 64-character sid. */
export const MAX_BATCH_PREFIX = 60;

/**
 * `count` sticky URLs, one IP each, with sids `{prefix}_1…{prefix}_{count}` and the other options as given (the
 * dashboard's "many sticky URLs" and the API's `proxy-urls?count=`).
 */
export function buildStickyBatch(
  options: Omit<ProxyUrlOptions, 'sid' | 'rotation'>,
  prefix: string,
  count: number,
): ProxyUrlResult[] {
  return Array.from({ length: count }, (_, i) =>
    buildProxyUrl({ ...options, sid: `${prefix}_${i + 1}`, rotation: 'sticky' }),
  );
}

/**
 * A valid session id proposed from what someone typed: `Alice-Bot 1` → `alice_bot_1`. Accents are
 * dropped, every run of other characters becomes one `_`, the result is cut to 64. `undefined` when
 * nothing usable is left. Offer it to the customer; never apply it silently.
 */
export function normaliseSessionId(input: string): string | undefined {
  const sid = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/, '');
  return sid ? sid : undefined;
}

/** Whether a string is a session id the gateway keeps (it drops anything else silently). */
export function isValidSessionId(sid: string): boolean {
  return TOKEN.test(sid);
}

export interface GatewayUsername {
  account: string;
  pool?: string;
  country?: string;
  carrier?: string;
  city?: string;
  sid?: string;
  /** Unknown or absent → the gateway's default, auto10. */
  rotation: RotationMode;
  ttl?: number;
}

const KEYED = new Set(['carrier', 'city', 'sid', 'rot', 'ttl']);

/**
 * The gateway's reading of a proxy username: lowercase, split on `-`, the account first, then the pool,
 * an optional two-letter country and `name-value` pairs. A malformed sid is dropped; an unknown rot is
 * auto10. Used to prove that what the builder emits is read back as meant.
 */
export function parseGatewayUsername(username: string): GatewayUsername {
  const [account = '', ...parts] = username.toLowerCase().split('-');
  const out: GatewayUsername = { account, rotation: DEFAULT_ROTATION };
  let i = 0;
  if (isOneOf(POOLS, parts[0])) out.pool = parts[i++];
  const first = parts[i];
  if (first !== undefined && COUNTRY.test(first) && !KEYED.has(first)) out.country = parts[i++];
  while (i < parts.length) {
    const name = parts[i] ?? '';
    const value = parts[i + 1];
    i += KEYED.has(name) ? 2 : 1;
    if (value === undefined) continue;
    if (name === 'carrier') out.carrier = value;
    else if (name === 'city') out.city = value;
    else if (name === 'sid' && TOKEN.test(value)) out.sid = value;
    else if (name === 'rot' && isOneOf(ROTATION_MODES, value)) out.rotation = value;
    else if (name === 'ttl' && /^\d+$/.test(value)) out.ttl = Number(value);
  }
  return out;
}
