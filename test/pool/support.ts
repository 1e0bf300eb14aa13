// Shared helpers for the Proxies.sx tests: a real client pointed at the simulator, with retries that do
// not wait (the delays they would have waited are recorded instead) and a logger whose lines are kept.
import { env } from 'cloudflare:test';
import { getConfig } from '../../src/config/index.ts';
import type { LogFields, Logger } from '../../src/log.ts';
import { createAvailabilityState, readAvailability, upstreamHealth } from '../../src/pool/availability.ts';
import { createPoolClient, type PoolClientOptions } from '../../src/pool/client.ts';
import { createServices } from '../../src/services/index.ts';
import { sim } from '../helpers.ts';

export interface SimCall {
  method: string;
  path: string;
  at: string;
}

export function captureLogger(lines: string[] = []): Logger & { lines: string[] } {
  const make = (base: LogFields): Logger => {
    const write = (level: string) => (msg: string, fields?: LogFields) => {
      lines.push(
        JSON.stringify({ level, msg, ...base, ...fields }, (_k, v: unknown) =>
          v instanceof Error ? { name: v.name, message: v.message } : v,
        ),
      );
    };
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      with: (fields) => make({ ...base, ...fields }),
    };
  };
  return Object.assign(make({}), { lines });
}

export function testClient(overrides: Partial<PoolClientOptions> = {}) {
  const delays: number[] = [];
  const log = captureLogger();
  const client = createPoolClient({
    config: getConfig(env).upstream,
    log,
    timeoutMs: 2_000,
    baseDelayMs: 50,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...overrides,
  });
  return { client, delays, log };
}

export const calls = () => sim<SimCall[]>('/_sim/calls');

export const stockCalls = async () => (await calls()).filter((c) => c.path === '/v1/gateway/pool/stock').length;

/** The real cache over the real KV and the real client, with its own isolate state and a clock we move. */
export function cache() {
  let now = Date.now();
  const background: Promise<unknown>[] = [];
  const services = createServices(
    env,
    { log: captureLogger(), waitUntil: (p) => void background.push(p), kind: 'request' },
    { pool: testClient().client, clock: { now: () => now } },
  );
  const state = createAvailabilityState();
  return {
    read: <T>(resource: Parameters<typeof readAvailability<T>>[0]) => readAvailability(resource, services, state),
    health: () => upstreamHealth(services, state),
    advance: (ms: number) => (now += ms),
    settle: () => Promise.all(background.splice(0)),
  };
}

export function fault(body: Record<string, unknown>) {
  return sim('/_sim/proxies/faults', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

export function control<T = unknown>(path: string, body: unknown, method = 'POST') {
  return sim<T>(`/_sim/proxies${path}`, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

/** Resolves when `check` passes, polling the simulator (no fixed sleeps). */
export async function eventually(check: () => Promise<boolean>, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition never became true');
}
