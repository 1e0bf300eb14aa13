// The Proxies.sx client and the availability cache as the pool tests drive them: a real client pointed at the
// simulator, with retries that do not wait (the delays they would have waited are recorded instead) and a logger
// whose lines are kept.
import { env } from 'cloudflare:test';
import { getConfig } from '../../src/config/index.ts';
import type { LogFields, Logger } from '../../src/log.ts';
import { createAvailabilityState, readAvailability, upstreamHealth } from '../../src/pool/availability.ts';
import { createPoolClient, type PoolClientOptions } from '../../src/pool/client.ts';
import { createServices } from '../../src/services/index.ts';
import { simCalls } from './sim.ts';

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

/** Stock reads the platform received (GET /v1/gateway/pool/stock). */
export const stockCalls = async () => (await simCalls()).filter((c) => c.path === '/v1/gateway/pool/stock').length;

/** The real cache over the real KV and the real client, with its own isolate state and a clock we move. */
export function availabilityCache() {
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
