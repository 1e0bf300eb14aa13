// Events and their webhook deliveries: every state change emits an event, signed and POSTed to each endpoint that
// asked for it (endpoints.ts; retried like Stripe, fewer times) or only recorded for tests; the controls can hold,
// reorder, delay, drop and duplicate deliveries.
import type { StripeDelivery } from '../../devkit/sim-controls.ts';
import { STRIPE_API_VERSION } from '../../src/stripe/transport.ts';
import { onReset } from '../state.ts';
import { later, nowSeconds } from './clock.ts';
import { config } from './config.ts';
import { type DeliveryTarget, deliveryTargets } from './endpoints.ts';
import { stripeId } from './objects.ts';
import { signPayload } from './signing.ts';

/** Stripe retries for days with backoff; the simulator retries three times within a minute. */
const RETRY_AFTER_MS = [2_000, 10_000, 30_000];

export interface SimEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** A delivery as the simulator keeps it: the controls' shape, and the endpoint's secret (a retry is signed afresh). */
export interface SimDelivery extends StripeDelivery {
  _secret: string;
}

export type ReleaseOrder = 'fifo' | 'reverse' | 'shuffle' | 'drop';

export const events: SimEvent[] = [];
export const deliveries: SimDelivery[] = [];
let holding = false;
let delayMs = 0;

onReset(() => {
  events.length = 0;
  deliveries.length = 0;
  holding = false;
  delayMs = 0;
});

export function emit(type: string, object: unknown): SimEvent {
  const event: SimEvent = {
    id: stripeId('evt'),
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: nowSeconds(),
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  events.push(event);
  deliver(event, 1);
  return event;
}

function deliveryTo(target: DeliveryTarget, event: SimEvent): SimDelivery {
  // "Events are rendered in the endpoint's API version" (docs.stripe.com/webhooks/versioning).
  const payload = JSON.stringify({ ...event, api_version: target.apiVersion }, null, 2);
  return {
    id: stripeId('whdel', 16),
    eventId: event.id,
    type: event.type,
    endpoint: target.endpoint,
    url: target.url,
    payload,
    signature: signPayload(payload, target.secret),
    createdAt: new Date().toISOString(),
    state: holding ? 'held' : config().delivery === 'record' ? 'recorded' : 'sending',
    attempts: 0,
    lastStatus: null,
    _secret: target.secret,
  };
}

/** Makes `count` deliveries of one event to each endpoint (fresh signatures) and sends them, unless held or recording. */
export function deliver(event: SimEvent, count: number): SimDelivery[] {
  const made: SimDelivery[] = [];
  for (const target of deliveryTargets(event.type))
    for (let i = 0; i < count; i++) {
      const delivery = deliveryTo(target, event);
      deliveries.push(delivery);
      made.push(delivery);
    }
  for (const delivery of made) if (delivery.state === 'sending') send(delivery);
  return made;
}

async function attempt(delivery: SimDelivery): Promise<void> {
  delivery.attempts++;
  // A retry is signed afresh, as Stripe does.
  if (delivery.attempts > 1) delivery.signature = signPayload(delivery.payload, delivery._secret);
  try {
    const res = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': delivery.signature,
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) sim',
      },
      body: delivery.payload,
    });
    delivery.lastStatus = res.status;
    await res.body?.cancel();
    if (res.ok) {
      delivery.state = 'delivered';
      console.log(`[sim] stripe → shop ${delivery.type} ${delivery.eventId}: ${res.status}`);
      return;
    }
  } catch {
    delivery.lastStatus = null;
  }
  const backoff = RETRY_AFTER_MS[delivery.attempts - 1];
  if (backoff === undefined) {
    delivery.state = 'failed';
    console.log(
      `[sim] stripe → shop ${delivery.type} ${delivery.eventId}: gave up after ${delivery.attempts} attempts (last ${delivery.lastStatus ?? 'network error'})`,
    );
    return;
  }
  later(backoff, () => void attempt(delivery));
}

function send(delivery: SimDelivery): void {
  delivery.state = 'sending';
  if (config().delivery === 'record') {
    delivery.state = 'recorded';
    return;
  }
  if (delayMs > 0) later(delayMs, () => void attempt(delivery));
  else void attempt(delivery);
}

/** Nothing is sent until release: to reorder, drop or delay deliveries. */
export function hold(): boolean {
  holding = true;
  return holding;
}

/** Sends the held deliveries in the given order (fifo by default), or marks them failed unsent (`drop`). */
export function release(order: ReleaseOrder | undefined): SimDelivery[] {
  holding = false;
  const held = deliveries.filter((d) => d.state === 'held');
  if (order === 'drop') {
    for (const delivery of held) delivery.state = 'failed';
    return [];
  }
  if (order === 'reverse') held.reverse();
  if (order === 'shuffle') held.sort(() => Math.random() - 0.5);
  for (const delivery of held) send(delivery);
  return held;
}

/** Waits this many ms before each delivery is sent; anything outside 0–600 000 turns it off. */
export function setDelay(ms: unknown): number {
  delayMs = typeof ms === 'number' && ms >= 0 && ms <= 600_000 ? ms : 0;
  return delayMs;
}
