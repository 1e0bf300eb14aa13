// Injected failures for the next matching Proxies.sx calls (POST /_sim/proxies/faults), and the middleware
// that logs every call for GET /_sim/calls, gives it an x-request-id, counts it in flight and applies them.
import type { MiddlewareHandler } from 'hono';
import { onReset, recordCall } from '../state.ts';
import { type Env, nestError } from './http.ts';
import { hex } from './store.ts';

export const FAULT_KINDS = ['latency', 'error', 'rate_limit', 'reset', 'malformed', 'slow_body'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** How many more matching calls it applies to. */
  remaining: number;
  /** Only calls with this method / whose path (after /v1) starts with this. */
  method?: string;
  path?: string;
  /** latency and slow_body: how long to stall (ms). */
  ms?: number;
  /** error: the status (default 500). */
  status?: number;
  /** rate_limit: the retry-after header value in seconds (default 1). */
  retryAfter?: number;
  /** reset: act on the call first, then cut the connection (the caller cannot know it succeeded). */
  afterProcessing?: boolean;
}

let faults: Fault[] = [];
let inFlight = 0;

onReset(() => {
  faults = [];
});

export function addFault(fault: Fault): Fault[] {
  faults.push(fault);
  return faults;
}

export const pendingFaults = (): Fault[] => faults;

export function clearFaults(): void {
  faults = [];
}

/** How many Proxies.sx calls are being handled right now (e.g. held by a latency fault). */
export const callsInFlight = (): number => inFlight;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const recordAndFault: MiddlewareHandler<Env> = async (c, next) => {
  inFlight++;
  try {
    return await handleFaults(c, next);
  } finally {
    inFlight--;
  }
};

const handleFaults: MiddlewareHandler<Env> = async (c, next) => {
  const url = new URL(c.req.url);
  recordCall(c.req.method, url.pathname + url.search);
  const requestId = `req_${hex(8)}`;
  c.set('requestId', requestId);
  c.header('x-request-id', requestId);
  const path = url.pathname.replace(/^\/v1/, '');
  const fault = faults.find(
    (f) =>
      f.remaining > 0 && (!f.method || f.method.toUpperCase() === c.req.method) && (!f.path || path.startsWith(f.path)),
  );
  if (!fault) return next();
  fault.remaining--;
  faults = faults.filter((f) => f.remaining > 0);
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.ms ?? 1000);
      return next();
    case 'error':
      return nestError(c, fault.status ?? 500, 'Simulated upstream failure');
    case 'rate_limit':
      c.header('retry-after', String(fault.retryAfter ?? 1));
      return nestError(c, 429, 'ThrottlerException: Too Many Requests');
    case 'reset':
      if (fault.afterProcessing) await next();
      c.env.incoming.socket.destroy();
      c.res = new Response(null, { status: 500 });
      return;
    case 'malformed': {
      await next();
      const status = c.res.status;
      c.res = new Response('{"id": "5f0c', {
        status,
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      });
      return;
    }
    case 'slow_body': {
      await next();
      const text = await c.res.text();
      const encoder = new TextEncoder();
      const half = Math.floor(text.length / 2);
      const stall = fault.ms ?? 1000;
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode(text.slice(0, half)));
          await sleep(stall);
          try {
            controller.enqueue(encoder.encode(text.slice(half)));
            controller.close();
          } catch {
            // the client went away
          }
        },
      });
      c.res = new Response(body, { status: c.res.status, headers: c.res.headers });
      return;
    }
  }
};
