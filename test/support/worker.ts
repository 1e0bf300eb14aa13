// Calling the Worker through its own entry points: `fetch` as a browser on the shop's origin or a script with a token
// would, and `scheduled` as Cloudflare's cron trigger fires it. Each resolves once the work it started in the
// background (waitUntil) has finished, so no work outlives its test and assertions never race it.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/index.ts';

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

let ipCounter = 0;
/** A fresh client address per call, so the per-network limits of one test (sign-in, API tokens) never trip another. */
export function testIp(): string {
  ipCounter++;
  return `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

/** The shop's error answer. */
export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

async function fetchWorker(request: Request, shopEnv: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, shopEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A same-origin request to the Worker under test, as the SPA sends it (Origin on anything but GET). */
export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  const method = options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET');
  if (method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
  if (options.json !== undefined) headers.set('content-type', 'application/json');
  if (options.cookie) headers.set('cookie', options.cookie);
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  return fetchWorker(new Request(`${ORIGIN}${path}`, { method, headers, body }), options.env);
}

/** `call` and its JSON answer. */
export async function json<T>(
  path: string,
  init: CallOptions = {},
): Promise<{ status: number; body: T; res: Response }> {
  const res = await call(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}

/**
 * A request as a script sends it: `Authorization: Bearer <token>` (when given), no Origin, no cookie. `env`: the
 * Worker's bindings, when it runs with others (e.g. a later clock).
 */
export function apiCall(
  path: string,
  token: string | null,
  init: { method?: string; headers?: Record<string, string>; env?: Env } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  // From a network of its own unless the test names one: tokens new to the Worker are counted per network.
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', testIp());
  return fetchWorker(new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers }), init.env);
}
