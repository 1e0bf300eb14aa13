// The URL builder's choices and what they build, with the shared builder (src/shared/proxy-url.ts). The URL on
// screen carries the key's mask until the secret is shown; what is copied always carries the real secret. The choices
// (never the key) are remembered in this browser, so a reload or the next visit builds the same URL.
import { computed, effect, signal } from '@preact/signals';
import {
  buildProxyUrl,
  buildStickyBatch,
  POOLS,
  type Pool,
  type ProxyProtocol,
  type ProxyUrlOptions,
  type ProxyUrlResult,
  ROTATION_MODES,
  type RotationMode,
} from '../../../src/shared/proxy-url.ts';
import { account, ensureSecret, secret, showSecret } from './account.ts';

const MEMORY_KEY = 'proxy-url-builder';

interface Choices {
  pool: Pool;
  country: string;
  rotation: RotationMode;
  sid: string;
  protocol: ProxyProtocol;
}

/** The remembered choices that are still valid choices (a country is checked against the shop's when shown). */
function remembered(): Partial<Choices> {
  try {
    const saved = JSON.parse(localStorage.getItem(MEMORY_KEY) ?? '{}') as Record<string, unknown>;
    const text = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : undefined);
    return {
      pool: POOLS.find((p) => p === saved.pool),
      country: text(saved.country, 2),
      rotation: ROTATION_MODES.find((r) => r === saved.rotation),
      sid: text(saved.sid, 200),
      protocol: saved.protocol === 'socks5' || saved.protocol === 'http' ? saved.protocol : undefined,
    };
  } catch {
    // Storage blocked or unreadable: start from the defaults.
    return {};
  }
}

const start = remembered();
export const pool = signal<Pool>(start.pool ?? 'mbl');
/** '' = any country. */
export const country = signal(start.country ?? '');
export const rotation = signal<RotationMode>(start.rotation ?? 'auto10');
export const sid = signal(start.sid ?? '');
export const protocol = signal<ProxyProtocol>(start.protocol ?? 'http');

let countryStarted = false;

/** Once per page: the remembered country while the shop still offers it ('' = any), else the shop's default. */
export function startCountry(offered: string[], fallback: string): void {
  if (countryStarted) return;
  countryStarted = true;
  const remembered = start.country !== undefined && (country.peek() === '' || offered.includes(country.peek()));
  if (!remembered) country.value = fallback;
}

// Remembers every change (not the starting values: a visit that never builds anything leaves nothing behind).
let changed = false;
effect(() => {
  const choices: Choices = {
    pool: pool.value,
    country: country.value,
    rotation: rotation.value,
    sid: sid.value,
    protocol: protocol.value,
  };
  if (!changed) {
    changed = true;
    return;
  }
  try {
    localStorage.setItem(MEMORY_KEY, JSON.stringify(choices));
  } catch {
    // Storage full or blocked: the choices last for this page only.
  }
});

/** Stands in for the secret while building the on-screen URL; replaced by the mask for display. */
const PLACEHOLDER = 'PAKPLACEHOLDER';

function options(key: string, overrides: Partial<ProxyUrlOptions> = {}): ProxyUrlOptions | null {
  const me = account.data.value;
  if (!me) return null;
  return {
    host: me.gateway.host,
    username: me.gateway.username,
    key,
    protocol: protocol.value,
    pool: pool.value,
    country: country.value || undefined,
    sid: sid.value.trim() || undefined,
    rotation: rotation.value,
    ...overrides,
  };
}

function display(result: ProxyUrlResult): ProxyUrlResult {
  if (!result.ok) return result;
  const shown = showSecret.value && secret.value ? secret.value : (account.data.value?.key.secretMask ?? 'YOUR_KEY');
  return { ...result, url: result.url.replace(PLACEHOLDER, shown) };
}

/** The URL as shown (masked unless the secret is shown), or the first invalid field. */
export const built = computed<ProxyUrlResult | null>(() => {
  const opts = options(PLACEHOLDER);
  return opts ? display(buildProxyUrl(opts)) : null;
});

/** The URL with the real secret (revealing it on first use); null when the choices are invalid. */
export async function realUrl(overrides: Partial<ProxyUrlOptions> = {}): Promise<string | null> {
  const key = await ensureSecret();
  const opts = options(key, overrides);
  const result = opts && buildProxyUrl(opts);
  return result?.ok ? result.url : null;
}

/** A short random sticky session id like `s7k2m9qz`. */
export function randomSid(): string {
  return `s${crypto
    .getRandomValues(new Uint32Array(2))
    .reduce((s, n) => s + n.toString(36), '')
    .slice(0, 10)}`;
}

/** `count` sticky URLs with sids `{base}_1…{base}_n` (masked for display, or real with `key`). */
export function batchUrls(base: string, count: number, key: string | null): string[] {
  const opts = options(key ?? PLACEHOLDER);
  if (!opts) return [];
  return buildStickyBatch(opts, base, count).flatMap((result) =>
    result.ok ? [key ? result.url : (display(result) as { url: string }).url] : [],
  );
}
