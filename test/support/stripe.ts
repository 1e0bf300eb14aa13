// Stripe as a test drives it: the simulator acts as the customer, the bank or the card network would, records each
// event's webhook delivery, and the test posts it to the Worker as Stripe does (raw body, Stripe-Signature).
import { expect } from 'vitest';
import type { ReceivedRequest, StripeDelivery } from '../../devkit/sim-controls.ts';
import { StripeError } from '../../src/stripe/index.ts';
import { sim } from './sim.ts';
import { call } from './worker.ts';

export type Delivery = StripeDelivery;
/** A request the Stripe simulator received from the shop's client (`/_sim/stripe/requests`). */
export type { ReceivedRequest };

export interface SimEvents {
  events: { id: string; type: string }[];
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function deliveries(query: Record<string, string> = {}): Promise<Delivery[]> {
  return sim<Delivery[]>(`/_sim/stripe/deliveries?${new URLSearchParams(query)}`);
}

/** The one recorded delivery of the session's event of `type`; throws when there is none or more than one. */
export async function onlyDelivery(sessionId: string, type: string): Promise<Delivery> {
  const found = await deliveries({ sessionId, type });
  if (found.length !== 1 || !found[0]) throw new Error(`${found.length} ${type} deliveries for ${sessionId}, not 1`);
  return found[0];
}

/** Posts a webhook exactly as Stripe does: raw JSON body with its Stripe-Signature header. */
export function postWebhook(payload: string, signature: string | null, shopEnv?: Env): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature !== null) headers['stripe-signature'] = signature;
  return call('/api/stripe/webhook', { method: 'POST', body: payload, headers, env: shopEnv });
}

/** Posts a recorded delivery as Stripe does. */
export function deliver(delivery: Pick<Delivery, 'payload' | 'signature'>): Promise<Response> {
  return postWebhook(delivery.payload, delivery.signature);
}

/** Delivers every recorded delivery of the given session's events of one type (normally one), in order. */
export async function deliverEvents(sessionId: string, type: string): Promise<Response[]> {
  const found = await deliveries({ sessionId, type });
  if (found.length === 0) throw new Error(`no ${type} delivery for ${sessionId}`);
  const answers: Response[] = [];
  for (const delivery of found) answers.push(await deliver(delivery));
  return answers;
}

/**
 * Posts the recorded delivery of each event, in the order given; every answer must be 200. `shopEnv`: the shop as it
 * runs then (e.g. its clock moved with the Stripe simulator's, so the signature's time is within tolerance).
 */
export async function deliverEachEvent(events: { id: string }[], shopEnv?: Env): Promise<{ result: string }[]> {
  const results: { result: string }[] = [];
  for (const event of events) {
    const [delivery] = await deliveries({ eventId: event.id });
    if (!delivery) throw new Error(`no delivery of ${event.id}`);
    const res = await postWebhook(delivery.payload, delivery.signature, shopEnv);
    if (res.status !== 200) throw new Error(`${delivery.type}: ${res.status} ${await res.text()}`);
    results.push(await res.json());
  }
  return results;
}

/** The StripeError `promise` rejects with (the test fails if it resolves, or rejects with anything else). */
export const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(StripeError);
      return err as StripeError;
    },
  );

/** `count` fresh deliveries of one event, each newly signed, as Stripe sends when it retries. */
export function redeliveries(eventId: string, count: number): Promise<Delivery[]> {
  return sim<Delivery[]>(`/_sim/stripe/events/${eventId}/deliver`, postJson({ count }));
}

/** Asks the simulator to act on a checkout session as the customer or Stripe would (pay, async, settle, expire, refund). */
export function stripeAct(
  sessionId: string,
  action: 'pay' | 'async' | 'settle' | 'expire' | 'refund',
  body: unknown = {},
): Promise<SimEvents> {
  return sim<SimEvents>(`/_sim/stripe/sessions/${sessionId}/${action}`, postJson(body));
}

/** A Stripe-Signature header for `payload` (another secret or time when given, as an attacker or a replay would). */
export async function sign(payload: string, options: { timestamp?: number; secret?: string } = {}): Promise<string> {
  const { signature } = await sim<{ signature: string }>('/_sim/stripe/sign', postJson({ payload, ...options }));
  return signature;
}

/** The cardholder disputes the session's charge in the Stripe simulator (a chargeback unless `inquiry`). */
export function disputeSession(
  sessionId: string,
  body: { amount?: number; reason?: string; inquiry?: boolean } = {},
): Promise<SimEvents & { dispute: string }> {
  return sim(`/_sim/stripe/sessions/${sessionId}/dispute`, postJson(body));
}

/** The card network moves a dispute on: evidence under review, or decided won or lost. */
export function decideDispute(disputeId: string, action: 'review' | 'won' | 'lost'): Promise<SimEvents> {
  return sim(
    `/_sim/stripe/disputes/${disputeId}/${action === 'review' ? 'review' : 'close'}`,
    postJson(action === 'review' ? {} : { outcome: action }),
  );
}
