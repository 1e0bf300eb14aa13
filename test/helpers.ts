// Calling the Worker the way a browser on the shop's own origin would.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';

export const ORIGIN = 'https://shop.test';

export interface CallOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  cookie?: string;
}

/** A same-origin request to the Worker under test. */
export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  const method = options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET');
  if (method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
  if (options.json !== undefined) headers.set('content-type', 'application/json');
  if (options.cookie) headers.set('cookie', options.cookie);
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body }));
}

/** Test controls of the simulators (see README "Simulators"). */
export async function sim<T = unknown>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${env.SIM_URL}${path}`, init);
  if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function resetSimulators(): Promise<void> {
  await sim('/_sim/reset', { method: 'POST' });
}
