// The success page's poll: the owner's order and their key's state, moving fulfilment along when it is owed (asking
// Stripe when the webhook is late, running a due reconcile while the customer waits a moment).
import { type Customer, customerQuery, NOT_SUSPENDED } from '../customers/index.ts';
import type { Db } from '../db/index.ts';
import { firstRow, type ReadResults, readTogether } from '../db/reads.ts';
import { reconcileCustomerKey } from '../fulfilment/index.ts';
import { currentKeyQuery, getSync, isDue, keySummary, syncQuery } from '../keys/index.ts';
import { orderOfSessionQuery, orderQuery, purchaseView } from '../orders/index.ts';
import { applyRetrievedSession, followUp } from '../payments/index.ts';
import type { Services } from '../services/index.ts';
import type { OrderStatusAnswer } from '../shared/billing.ts';

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;
/** How long the order page waits for the key before answering "provisioning" (the SPA polls again). */
const ORDER_PAGE_WAIT_MS = 3_000;

/**
 * What the order poll reads beside the session check, in its round trip: the order behind the Checkout Session
 * (whoever owns it: `orderStatus` answers only its owner), the customer's current key and reconcile state.
 */
export const orderReads = (db: Db, customerId: string, sessionId: string) => ({
  order: firstRow(orderOfSessionQuery(db, SESSION_ID.test(sessionId) ? sessionId : '')),
  key: firstRow(currentKeyQuery(db, customerId)),
  sync: firstRow(syncQuery(db, customerId)),
});
export type OrderRows = ReadResults<ReturnType<typeof orderReads>>;

/**
 * The order behind a Checkout Session, for its owner only (undefined for anyone else, like a missing one), from the
 * rows read with the session check. If the webhook is late it asks Stripe; if the key owes a reconcile that is due it
 * runs one, waiting briefly; only then are the rows read again (one more round trip).
 */
export async function orderStatus(
  services: Services,
  customer: Customer,
  found: OrderRows,
): Promise<OrderStatusAnswer | undefined> {
  const { db, log, clock } = services;
  const { order } = found;
  if (!order || order.customerId !== customer.id) return undefined;
  const late = order.status === 'pending';
  let sync = found.sync;
  if (late && order.stripeSessionId) {
    try {
      const session = await services.stripe.checkout.sessions.retrieve(order.stripeSessionId);
      const outcome = await applyRetrievedSession(db, session, clock.now());
      if (outcome.paidOrderId) services.waitUntil(followUp(services, { paidOrderId: outcome.paidOrderId }));
    } catch (err) {
      log.warn('checkout session lookup failed; waiting for the webhook', { err });
    }
    // The payment found just now may have made a reconcile owed.
    sync = await getSync(db, customer.id);
  }
  const due = isDue(sync, clock.now());
  if (due) {
    const run = reconcileCustomerKey(services, customer.id);
    services.waitUntil(run);
    await Promise.race([run, new Promise((resolve) => setTimeout(resolve, ORDER_PAGE_WAIT_MS))]);
  }
  const latest =
    late || due
      ? await readTogether(db, {
          order: firstRow(orderQuery(db, order.id)),
          key: firstRow(currentKeyQuery(db, customer.id)),
          sync: firstRow(syncQuery(db, customer.id)),
          customer: firstRow(customerQuery(db, customer.id)),
        }).then(([fresh]) => fresh)
      : { ...found, customer };
  const { key } = latest;
  const suspension = latest.customer ?? NOT_SUSPENDED;
  const summary = keySummary({ key, sync: latest.sync, live: null, customer: suspension, now: clock.now() });
  return { order: purchaseView(latest.order ?? order), key: summary };
}
