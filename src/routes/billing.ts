// Billing API: checkout, the Stripe webhook, order status for the success page, purchase history.
import { Hono } from 'hono';
import { getConfig } from '../config/index.ts';
import { openDb } from '../db/index.ts';
import type { AppEnv } from '../http/context.ts';
import { applyStripeEvent, parseEvent, verifyStripeSignature, WebhookSignatureError } from '../billing/webhook.ts';

export const billing = new Hono<AppEnv>()
  /** Stripe → shop. Verified over the raw body before anything is parsed; answered fast, slow work after. */
  .post('/stripe/webhook', async (c) => {
    const config = getConfig(c.env);
    const log = c.get('log');
    const raw = await c.req.text();
    try {
      await verifyStripeSignature(raw, c.req.header('stripe-signature'), config.stripe.webhookSecret);
    } catch (err) {
      if (err instanceof WebhookSignatureError) log.warn('stripe webhook refused', { reason: err.message });
      throw err;
    }
    const event = parseEvent(raw);
    const outcome = await applyStripeEvent(openDb(c.env.DB), event, log.with({ stripeEventId: event.id }));
    log.info('stripe event', { stripeEventId: event.id, type: event.type, result: outcome.result, reason: outcome.reason });
    return c.json({ received: true, result: outcome.result });
  });
