// Talking to a running local shop and its simulators over HTTP the way a browser would: for the benchmarks.
import { devPorts, type LocalPorts } from './ports.ts';
import { waitFor } from './until.ts';

export interface ShopTarget {
  shop: string;
  sim: string;
}

/** The shop and simulators on these local ports (both on the IPv4 loopback, where `npm run dev` listens). */
export function localTarget(ports: LocalPorts): ShopTarget {
  return { shop: `http://127.0.0.1:${ports.shop}`, sim: `http://127.0.0.1:${ports.sim}` };
}

/** A running `npm run dev`: SHOP_URL / SIM_URL, or its ports (PORT / SIM_PORT). */
export function targetFromEnv(): ShopTarget {
  const local = localTarget(devPorts());
  return { shop: process.env.SHOP_URL ?? local.shop, sim: process.env.SIM_URL ?? local.sim };
}

export async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export function simPost(target: ShopTarget, path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${target.sim}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A same-origin request to the shop (GET, or POST when `json` is given). */
export function shopFetch(
  target: ShopTarget,
  path: string,
  init: { json?: unknown; cookie?: string; ip?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { origin: new URL(target.shop).origin, ...init.headers };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  if (init.ip) headers['cf-connecting-ip'] = init.ip;
  return fetch(`${target.shop}${path}`, {
    method: init.json === undefined ? 'GET' : 'POST',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

/** Asks for a sign-in link (from `ip`) and returns its token once the mail is in the simulator's outbox. */
export async function loginToken(target: ShopTarget, email: string, ip: string): Promise<string> {
  const outbox = `${target.sim}/_sim/outbox?to=${encodeURIComponent(email)}`;
  const seen = (await json<unknown[]>(await fetch(outbox), 'outbox')).length;
  await json(await shopFetch(target, '/api/auth/request', { json: { email }, ip }), `sign-in request for ${email}`);
  return waitFor(
    async () => {
      const mails = await json<{ text: string }[]>(await fetch(outbox), 'outbox');
      const newest = mails.length > seen ? mails.at(-1) : undefined;
      return newest && /#token=([A-Za-z0-9_-]+)/.exec(newest.text)?.[1];
    },
    { timeoutMs: 15_000, intervalMs: 100, what: `a sign-in mail for ${email}` },
  );
}

/** The `__Host-session=…` pair a response sets, if any. */
export function sessionCookieOf(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .map((h) => h.split(';')[0] ?? '')
    .find((p) => p.startsWith('__Host-session='));
}

/** Signs a customer in through the real magic-link flow (the simulator's outbox); returns the cookie. */
export async function signIn(target: ShopTarget, email: string, ip: string): Promise<string> {
  const token = await loginToken(target, email, ip);
  const res = await shopFetch(target, '/api/auth/verify', { json: { token } });
  await json(res, `verify ${email}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error(`no session cookie for ${email}`);
  return cookie;
}

/** Upstream (Proxies.sx) calls the simulator has seen, optionally only those whose path starts with `prefix`. */
export async function upstreamCalls(target: ShopTarget, prefix = ''): Promise<{ method: string; path: string }[]> {
  const calls = await json<{ method: string; path: string }[]>(await fetch(`${target.sim}/_sim/calls`), 'sim calls');
  return calls.filter((c) => c.path.startsWith(prefix));
}
