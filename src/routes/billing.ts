// Billing API: checkout, the Stripe webhook, order status for the success page, purchase history.
import { Hono } from 'hono';
import { checkoutReads, orderReads, orderStatus, startCheckout } from '../checkout/index.ts';
import { readsFrom } from '../http/consistency.ts';
import type { AppEnv } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { limitPerCustomer } from '../http/limits.ts';
import { requireSessionReading } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { purchaseHistory, purchaseReads } from '../orders/index.ts';
import { receiveStripeEvent } from '../payments/index.ts';
import type { CheckoutAnswer, OrderStatusAnswer, PurchasesAnswer } from '../shared/billing.ts';
import * as z from '../zod.ts';

const checkoutInput = z.object({
  tierId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The currency the page showed the price in (one the shop sells in); the shop's own when absent. */
  currency: z.optional(z.string().check(z.regex(/^[a-z]{3}$/, 'must be a lowercase ISO 4217 code'))),
});

export const billing = new Hono<AppEnv>()
  /** Starts a Stripe Checkout for one tier from config; the client only names the tier. */
  .post(
    '/checkout',
    requireSessionReading(checkoutReads),
    validate('json', checkoutInput),
    limitPerCustomer('checkout'),
    async (c) => {
      const { services } = c.var;
      const { customerId, customer } = c.var.identity;
      const { tierId, currency } = c.req.valid('json');
      const started = await startCheckout(services, customer, c.var.reads, { tierId, currency });
      services.log.info('checkout started', { customerId, orderId: started.orderId, tierId });
      return c.json({ url: started.url } satisfies CheckoutAnswer);
    },
  )

  /** Stripe → shop. Verified over the raw body before anything is parsed; answered once state is durable, slow work after. */
  .post('/stripe/webhook', readsFrom('primary'), async (c) => {
    const outcome = await receiveStripeEvent(c.var.services, await c.req.text(), c.req.header('stripe-signature'));
    return c.json({ received: true, result: outcome.result });
  })

  /** The success page's poll: the owner's order and their key's state, moving fulfilment along if it is owed. */
  .get(
    '/orders/:sessionId',
    requireSessionReading((db, customerId, req) => orderReads(db, customerId, req.param('sessionId') ?? '')),
    limitPerCustomer('order'),
    async (c) => {
      const status = await orderStatus(c.var.services, c.var.identity.customer, c.var.reads);
      // Someone else's order is answered exactly like a missing one.
      if (!status) throw new ApiError(404, 'not_found', 'No such order.');
      return c.json(status satisfies OrderStatusAnswer);
    },
  )

  /** The customer's purchase history, newest first (abandoned checkouts left out). */
  .get('/purchases', readsFrom('bookmark'), requireSessionReading(purchaseReads), async (c) => {
    const purchases = purchaseHistory(c.var.services, c.var.reads);
    return c.json({ purchases } satisfies PurchasesAnswer);
  });
