// What the benchmarks need to talk to a running local shop and its simulators like a browser would.

export interface ShopTarget {
  shop: string;
  sim: string;
}

export function targetFromEnv(): ShopTarget {
  return {
    shop: process.env.SHOP_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`,
    sim: process.env.SIM_URL ?? `http://127.0.0.1:${process.env.SIM_PORT ?? 8790}`,
  };
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
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mails = await json<{ text: string }[]>(await fetch(outbox), 'outbox');
    const token = mails.length > seen ? /#token=([A-Za-z0-9_-]+)/.exec(mails[mails.length - 1]!.text)?.[1] : undefined;
    if (token) return token;
    if (Date.now() > deadline) throw new Error(`no sign-in mail for ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The `__Host-session=…` pair a response sets, if any. */
export function sessionCookieOf(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .map((h) => h.split(';')[0]!)
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
