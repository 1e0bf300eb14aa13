// The order behind a charge's PaymentIntent, for a refund or dispute event. Stripe does not order its events: a
// dispute or a refund can come before the event that paid the order (and linked its PaymentIntent), so an unknown
// PaymentIntent is asked about once: its metadata carries the order's snapshot (the Checkout Session's
// `payment_intent_data[metadata]`, or auto top-up's own), which finds the order, or records it when it went missing.
// A PaymentIntent that carries no snapshot is not the shop's.
import type { Db } from '../db/index.ts';
import { type LocatedOrder, locateOrder, snapshotFromMetadata } from '../orders/index.ts';
import type { StripeClient } from '../stripe/index.ts';

export interface PlanContext {
  db: Db;
  stripe: Pick<StripeClient, 'paymentIntents'>;
  now: number;
}

export async function orderOfPaymentIntent(ctx: PlanContext, paymentIntentId: string): Promise<LocatedOrder | null> {
  const known = await locateOrder(ctx.db, null, { paymentIntentId }, ctx.now);
  if (known) return known;
  // A failed look-up throws: the webhook answers 5xx and Stripe delivers the event again later.
  const intent = await ctx.stripe.paymentIntents.retrieve(paymentIntentId);
  return locateOrder(ctx.db, snapshotFromMetadata(intent.metadata), { paymentIntentId }, ctx.now);
}
