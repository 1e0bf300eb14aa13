// Faults for the next Stripe API calls (POST /_sim/stripe/faults, /_sim/stripe/outage) and the log of what the API
// received (GET /_sim/stripe/requests): how a client's retries, timeouts, error handling and encoding are tested.
import type { MiddlewareHandler } from 'hono';
import type { ReceivedRequest } from '../../devkit/sim-controls.ts';
import { onReset, recordCall } from '../state.ts';
import { parseStripeForm } from './form.ts';
import { stripeId } from './objects.ts';

export interface StripeFault {
  /** How many more API calls it applies to. */
  remaining: number;
  /** Answer this status with a Stripe error instead of acting (500 `api_error` unless given). */
  status?: number;
  type?: string;
  code?: string;
  decline_code?: string;
  param?: string;
  message?: string;
  /** Sent as `Stripe-Should-Retry`. */
  shouldRetry?: boolean;
  /** Act on the call, then hold the answer this long (a client that gives up sooner never learns the outcome). */
  slowMs?: number;
}

let faults: StripeFault[] = [];
const received: ReceivedRequest[] = [];
onReset(() => {
  faults = [];
  received.length = 0;
});

export function addFault(fault: StripeFault): StripeFault[] {
  if (Number.isInteger(fault.remaining) && fault.remaining > 0 && fault.remaining <= 1000) faults.push(fault);
  return faults;
}

export function clearFaults(): void {
  faults = [];
}

export const receivedRequests = (): ReceivedRequest[] => received;

function decoded(encoded: string): unknown {
  try {
    return parseStripeForm(encoded);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Logs each API call, gives it a Request-Id, and applies the next fault. */
export const recordAndFault: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  recordCall(c.req.method, url.pathname + url.search);
  const encoded = c.req.method === 'POST' ? await c.req.text() : url.search.replace(/^\?/, '');
  const request: ReceivedRequest = {
    method: c.req.method,
    path: url.pathname,
    encoded,
    params: decoded(encoded),
    idempotencyKey: c.req.header('idempotency-key') ?? null,
    stripeVersion: c.req.header('stripe-version') ?? null,
    status: 0,
  };
  received.push(request);
  c.header('Request-Id', stripeId('req', 14));
  const fault = faults[0];
  if (fault) {
    fault.remaining--;
    if (fault.remaining <= 0) faults.shift();
    if (fault.shouldRetry !== undefined) c.header('Stripe-Should-Retry', String(fault.shouldRetry));
  }
  if (fault && fault.slowMs === undefined) {
    const { status = 500, type = 'api_error', code, decline_code, param } = fault;
    const message = fault.message ?? 'An unknown error occurred (simulated fault).';
    request.status = status;
    return c.json({ error: { type, message, code, decline_code, param, request_log_url: null } }, status as 500);
  }
  await next();
  request.status = c.res.status;
  if (fault?.slowMs) await sleep(fault.slowMs);
};
