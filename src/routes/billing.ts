// Billing API: checkout, the Stripe webhook, order status for the success page, purchase history.
import { Hono } from 'hono';
import { fulfil, startCheckout } from '../billing/index.ts';
import { getKeyRow, keySummary } from '../billing/keys.ts';
import { findOrder, listOrders, purchaseView } from '../billing/orders.ts';
import { reconcileCustomerKey, reconcileDeps } from '../billing/reconcile.ts';
import { CHECKOUT_TTL_MS } from '../billing/checkout.ts';
import { stripeClient } from '../billing/stripe.ts';
import { applyRetrievedSession, applyStripeEvent, parseEvent, verifyStripeSignature, WebhookSignatureError } from '../billing/webhook.ts';
import { getConfig } from '../config/index.ts';
import { openDb } from '../db/index.ts';
import type { AppEnv } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { requireSession } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import type { CheckoutAnswer, OrderStatusAnswer, PurchasesAnswer } from '../shared/billing.ts';
import * as z from '../zod.ts';

const checkoutInput = z.object({ tierId: z.string().check(z.minLength(1), z.maxLength(64)) });
const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;
/** How long the order page waits for the key before answering "provisioning" (the SPA polls again). */
const ORDER_PAGE_WAIT_MS = 3_000;

export const billing = new Hono<AppEnv>()
  /** Starts a Stripe Checkout for one tier from config; the client only names the tier. */
  .post('/checkout', requireSession, validate('json', checkoutInput), async (c) => {
    const config = getConfig(c.env);
    const { customerId } = c.get('identity');
    const started = await startCheckout({ db: openDb(c.env.DB), config, stripe: stripeClient(config) }, customerId, c.req.valid('json').tierId);
    c.get('log').info('checkout started', { customerId, orderId: started.orderId, tierId: c.req.valid('json').tierId });
    return c.json({ url: started.url } satisfies CheckoutAnswer);
  })

  /** Stripe → shop. Verified over the raw body before anything is parsed; answered once state is durable, slow work after. */
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
    if (outcome.reconcileCustomerId || outcome.paidOrderId) c.executionCtx.waitUntil(fulfil(c.env, config, log, outcome));
    return c.json({ received: true, result: outcome.result });
  })

  /** The success page's poll: the owner's order and their key's state, moving fulfilment along if it is owed. */
  .get('/orders/:sessionId', requireSession, async (c) => {
    const config = getConfig(c.env);
    const log = c.get('log');
    const { customerId } = c.get('identity');
    const sessionId = c.req.param('sessionId');
    const db = openDb(c.env.DB);
    const order = SESSION_ID.test(sessionId) ? await findOrder(db, { sessionId }) : undefined;
    // Someone else's order is answered exactly like a missing one.
    if (!order || order.customerId !== customerId) throw new ApiError(404, 'not_found', 'No such order.');

    if (order.status === 'pending') {
      try {
        const outcome = await applyRetrievedSession(db, await stripeClient(config).checkout.sessions.retrieve(sessionId));
        if (outcome.paidOrderId) c.executionCtx.waitUntil(fulfil(c.env, config, log, { paidOrderId: outcome.paidOrderId }));
      } catch (err) {
        log.warn('checkout session lookup failed; waiting for the webhook', { err });
      }
    }
    const row = await getKeyRow(db, customerId);
    const due = row && (row.syncState === 'pending' || (row.syncState === 'failed' && (row.nextAttemptAt ?? 0) <= Date.now()));
    if (due) {
      const run = reconcileCustomerKey(reconcileDeps(c.env, config, log), customerId);
      c.executionCtx.waitUntil(run);
      await Promise.race([run, new Promise((resolve) => setTimeout(resolve, ORDER_PAGE_WAIT_MS))]);
    }
    const [fresh, key] = await Promise.all([findOrder(db, { id: order.id }), getKeyRow(db, customerId)]);
    return c.json({ order: purchaseView(fresh ?? order), key: keySummary(key) } satisfies OrderStatusAnswer);
  })

  /** The customer's purchase history, newest first (abandoned checkouts left out). */
  .get('/purchases', requireSession, async (c) => {
    const { customerId } = c.get('identity');
    const staleBefore = Date.now() - CHECKOUT_TTL_MS;
    const rows = await listOrders(openDb(c.env.DB), customerId);
    const purchases = rows.filter((o) => o.status !== 'expired' && !(o.status === 'pending' && o.createdAt < staleBefore)).map(purchaseView);
    return c.json({ purchases } satisfies PurchasesAnswer);
  });
