// Calling the Worker the way a browser on the shop's own origin would.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import type { OutboxMail } from '../sim/mail.ts';
import worker from '../src/index.ts';
import type { PoolAccessKey } from '../src/pool/contract.ts';

export const ORIGIN = 'https://shop.test';

export interface CallOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  cookie?: string;
  /** The Worker's bindings, when a test runs it with other ones (e.g. production config, a queue that refuses messages). */
  env?: Env;
}

/**
 * A same-origin request to the Worker under test. Its background work (waitUntil) has finished when this
 * resolves, so no work outlives its test and assertions never race it.
 */
export async function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  const method = options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET');
  if (method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
  if (options.json !== undefined) headers.set('content-type', 'application/json');
  if (options.cookie) headers.set('cookie', options.cookie);
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${ORIGIN}${path}`, { method, headers, body }),
    options.env ?? env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

/**
 * A customer's current key row with its reconcile state (`sync_state`, `lease_until` from key_syncs): one row once
 * anything was owed, its key columns null until the key row exists.
 */
export const CURRENT_KEY_SQL = `select k.*, s.state as sync_state, s.lease_until, s.attempts, s.last_error
  from key_syncs s left join pool_keys k on k.customer_id = s.customer_id and k.state = 'current'
  where s.customer_id = ?`;

/** Test controls of the simulators (see README "Simulators"). */
export async function sim<T = unknown>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${env.SIM_URL}${path}`, init);
  if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every key the Proxies.sx simulator holds, with its secret. */
export const upstreamKeys = () => sim<SimKey[]>('/_sim/proxies/keys');

/** The upstream keys minted for one customer (their label starts with the customer's email). */
export const upstreamKeysOf = async (email: string) =>
  (await upstreamKeys()).filter((k) => k.label.startsWith(`${email} (`));

export const upstreamKey = async (id: string | null | undefined) => (await upstreamKeys()).find((k) => k.id === id);

export async function resetSimulators(): Promise<void> {
  await sim('/_sim/reset', { method: 'POST' });
}

let ipCounter = 0;
/** A fresh client address per call, so the per-IP sign-in limit of one test never trips another. */
export function testIp(): string {
  ipCounter++;
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

export type { OutboxMail };

/** A key as the Proxies.sx simulator's controls show it (`/_sim/proxies/keys`): the contract's shape, secret unmasked. */
export type SimKey = PoolAccessKey;

/** The mail the simulator's outbox received for `to`, oldest first. */
export function outboxFor(to: string): Promise<OutboxMail[]> {
  return sim<OutboxMail[]>(`/_sim/outbox?to=${encodeURIComponent(to)}`);
}

/** The sign-in token in a login email's link (`…/auth/verify#token=…`). */
export function tokenFromMail(mail: OutboxMail): string {
  const token = /\/auth\/verify#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no sign-in link in mail "${mail.subject}"`);
  return token;
}

/** Waits (polling the outbox, up to `timeoutMs`) until `to` has more than `seen` mails; returns the newest. */
export async function waitForMail(to: string, seen: number, timeoutMs = 4_000): Promise<OutboxMail> {
  return pollOutbox(to, `no new mail for ${to}`, timeoutMs, (mails) =>
    mails.length > seen ? mails.at(-1) : undefined,
  );
}

/** The first mail to `to` whose subject matches, once it is there (mails queued together may arrive in any order). */
export async function waitForMailAbout(to: string, subject: RegExp, timeoutMs = 4_000): Promise<OutboxMail> {
  return pollOutbox(to, `no mail "${subject.source}" for ${to}`, timeoutMs, (mails) =>
    mails.find((mail) => subject.test(mail.subject)),
  );
}

async function pollOutbox(
  to: string,
  failure: string,
  timeoutMs: number,
  pick: (mails: OutboxMail[]) => OutboxMail | undefined,
): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pick(await outboxFor(to));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${failure} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Asks for a sign-in link the way the SPA does; returns the new login email from the outbox. */
export async function requestLoginMail(
  email: string,
  body: Record<string, unknown> = {},
  bindings?: Env,
): Promise<OutboxMail> {
  const seen = (await outboxFor(email)).length;
  const res = await call('/api/auth/request', {
    json: { email, ...body },
    headers: { 'cf-connecting-ip': testIp() },
    env: bindings,
  });
  if (res.status !== 202) throw new Error(`sign-in request for ${email}: ${res.status} ${await res.text()}`);
  return waitForMail(email, seen);
}

/** The `name=value` pair of the session cookie in a response, for a later request's Cookie header. */
export function sessionCookieFrom(res: Response): string | null {
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(';')[0]!;
    if (pair.startsWith('__Host-session=') && pair.length > '__Host-session='.length) return pair;
  }
  return null;
}

/**
 * Signs `email` in end to end (request → the real mail queue → the outbox → verify) and returns the
 * Cookie header value for `call(path, {cookie})`. Use a distinct email per test: one address may ask
 * for 5 links a minute. `bindings`: the Worker's, when it signs in with others (e.g. a later clock).
 */
export async function signIn(email: string, bindings?: Env): Promise<string> {
  const mail = await requestLoginMail(email, {}, bindings);
  const res = await call('/api/auth/verify', { json: { token: tokenFromMail(mail) }, env: bindings });
  const cookie = sessionCookieFrom(res);
  if (res.status !== 200 || !cookie) throw new Error(`verify for ${email}: ${res.status} ${await res.text()}`);
  return cookie;
}

/** The period of every `[[ratelimits]]` binding in wrangler.toml. */
const RATE_LIMIT_PERIOD_MS = 60_000;
/** Longer than any burst a test sends against one limiter. */
const BURST_ROOM_MS = 10_000;

/**
 * Rate-limit windows are aligned to the wall clock (miniflare, like Cloudflare, counts per fixed minute), so a burst
 * that straddles a minute boundary is counted in two windows. Before a test sends one, wait for the next window when
 * this one is nearly over; the test's assertions then see one window, whatever the clock says.
 */
export async function startOfRateLimitWindow(): Promise<void> {
  const left = RATE_LIMIT_PERIOD_MS - (Date.now() % RATE_LIMIT_PERIOD_MS);
  if (left < BURST_ROOM_MS) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/**
 * The timeout of a hook or test that calls `startOfRateLimitWindow`: its wait (up to BURST_ROOM_MS) is longer than
 * vitest's default test timeout (5 s) and as long as its hook timeout (10 s), and the burst after it still needs time
 * on a loaded machine.
 */
export const RATE_LIMIT_WAIT_TIMEOUT_MS = BURST_ROOM_MS + 15_000;
