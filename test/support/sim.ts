// The simulators' test controls (see the README's "Simulators"), over HTTP as the shop reaches them: the Proxies.sx
// simulator's keys, calls and faults. Stripe's are in stripe.ts, the outbox's in mail.ts.
import { env } from 'cloudflare:test';
import type { SimCall } from '../../devkit/sim-controls.ts';
import type { PoolAccessKey } from '../../src/pool/contract.ts';

export type { SimCall };

/** A key as the Proxies.sx simulator's controls show it (`/_sim/proxies/keys`): the contract's shape, secret unmasked. */
export type SimKey = PoolAccessKey;

/** A simulator control's JSON answer; throws on anything but a 2xx. */
export async function sim<T = unknown>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${env.SIM_URL}${path}`, init);
  if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const postJson = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

/** Every simulator back to its first state (keys, sessions, Stripe objects, outbox, faults, call log). */
export async function resetSimulators(): Promise<void> {
  await sim('/_sim/reset', { method: 'POST' });
}

/** The calls the Proxies.sx simulator received, oldest first. */
export const simCalls = () => sim<SimCall[]>('/_sim/calls');

/** Keys minted upstream so far (POST /v1/reseller/pool-keys calls the simulator received). */
export const upstreamMints = async () =>
  (await simCalls()).filter((c) => c.method === 'POST' && c.path === '/v1/reseller/pool-keys').length;

/** A control of the Proxies.sx simulator (`/_sim/proxies<path>`) with a JSON body. */
export function simControl<T = unknown>(path: string, body: unknown, method = 'POST'): Promise<T> {
  return sim<T>(`/_sim/proxies${path}`, postJson(body, method));
}

/** A fault for the Proxies.sx simulator's next calls (kind, status, count, path, method …). */
export const proxiesFault = (body: Record<string, unknown>) => simControl('/faults', body);

/** Clears the Proxies.sx simulator's faults: the platform answers normally again. */
export const clearProxiesFaults = () => sim('/_sim/proxies/faults', { method: 'DELETE' });

/** Every key the Proxies.sx simulator holds, with its secret. */
export const upstreamKeys = () => sim<SimKey[]>('/_sim/proxies/keys');

/** The upstream keys minted for one customer (their label starts with the customer's email). */
export const upstreamKeysOf = async (email: string) =>
  (await upstreamKeys()).filter((k) => k.label.startsWith(`${email} (`));

export const upstreamKey = async (id: string | null | undefined) => (await upstreamKeys()).find((k) => k.id === id);

/** Sets an upstream key's total usage in the Proxies.sx simulator (the gateway's flush; the cap auto-suspends). */
export const setUsage = (upstreamId: string, usedMB: number) => simControl(`/keys/${upstreamId}/usage`, { usedMB });
