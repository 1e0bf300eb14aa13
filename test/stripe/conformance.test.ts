// The Stripe conformance (conformance.ts, checked by the compiler) as it runs: the pinned version, the event list, and
// what the simulator sends for each handled event read by the handlers' own schemas.
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/config/index.ts';
import { disputeSchema } from '../../src/payments/disputes.ts';
import { refundSchema } from '../../src/payments/refunds.ts';
import { sessionSchema } from '../../src/payments/sessions.ts';
import { intentSchema } from '../../src/refill/intents.ts';
import { createStripeClient } from '../../src/stripe/client.ts';
import {
  DISPUTE_EVENTS,
  INTENT_EVENTS,
  REFUND_EVENTS,
  SESSION_EVENTS,
  WEBHOOK_EVENTS,
} from '../../src/stripe/events.ts';
import { STRIPE_API_VERSION } from '../../src/stripe/transport.ts';
import { eventSchema } from '../../src/stripe/webhook.ts';
import { resetSimulators, sim } from '../support/index.ts';
import { VERIFIED_AGAINST } from './conformance.ts';

beforeEach(resetSimulators);

describe('conformance with the pinned Stripe API version', () => {
  it('handles events that all exist in the pinned version, each planned by one module', () => {
    expect(STRIPE_API_VERSION).toBe(VERIFIED_AGAINST);
    const all = [...SESSION_EVENTS, ...REFUND_EVENTS, ...DISPUTE_EVENTS, ...INTENT_EVENTS];
    expect(new Set(all).size).toBe(all.length);
    expect([...WEBHOOK_EVENTS]).toEqual([...all].sort());
  });

  it('reads what Stripe (the simulator) sends for each kind of event, rendered in the pinned version', async () => {
    const { apiUrl, secretKey } = getConfig(env).stripe;
    const stripe = createStripeClient({ apiUrl, secretKey, timeoutMs: 10_000, maxNetworkRetries: 0 });
    const customer = await stripe.customers.create({ email: 'conformance@example.com' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [
        { quantity: 1, price_data: { currency: 'usd', unit_amount: 900, product_data: { name: 'Starter' } } },
      ],
      payment_intent_data: { metadata: { shop_order_id: 'ord_x' }, setup_future_usage: 'off_session' },
      success_url: 'https://shop.test/dashboard',
    });
    const post = (path: string, body: object = {}) =>
      sim(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await post(`/_sim/stripe/sessions/${session.id}/pay`);
    await post(`/_sim/stripe/sessions/${session.id}/refund`, { amount: 100 });
    await post(`/_sim/stripe/sessions/${session.id}/dispute`, { amount: 200 });
    const events = await sim<{ type: string; api_version: string; data: { object: unknown } }[]>('/_sim/stripe/events');
    const schemaOf = (type: string) =>
      (SESSION_EVENTS as readonly string[]).includes(type)
        ? sessionSchema
        : (REFUND_EVENTS as readonly string[]).includes(type)
          ? refundSchema
          : (DISPUTE_EVENTS as readonly string[]).includes(type)
            ? disputeSchema
            : (INTENT_EVENTS as readonly string[]).includes(type)
              ? intentSchema
              : null;
    const handled = events.filter((e) => schemaOf(e.type));
    expect(new Set(handled.map((e) => e.type))).toEqual(
      new Set([
        'checkout.session.completed',
        'payment_intent.succeeded',
        'refund.created',
        'charge.dispute.created',
        'charge.dispute.funds_withdrawn',
      ]),
    );
    for (const event of handled) {
      expect(event.api_version).toBe(STRIPE_API_VERSION);
      expect(eventSchema.safeParse(event).success).toBe(true);
      expect(schemaOf(event.type)!.safeParse(event.data.object).success, event.type).toBe(true);
    }
  });
});
