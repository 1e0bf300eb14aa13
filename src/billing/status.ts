// What the customer sees of their orders: the success page's order + key state (moving fulfilment along when it
// is owed) and the purchase history.
import { type Customer, customerQuery, NOT_SUSPENDED } from '../customers/index.ts';
import type { Db } from '../db/index.ts';
import { firstRow, type ReadResults, readTogether, rows } from '../db/reads.ts';
import { currentKeyQuery, getSync, isDue, type KeyState, keyState, type PoolKeyRow, syncQuery } from '../keys/index.ts';
import type { Services } from '../services/index.ts';
import type { KeyStatus, KeySummary, OrderStatusAnswer, Purchase } from '../shared/billing.ts';
import { CHECKOUT_TTL_MS } from './ceiling.ts';
import { fulfil } from './fulfil.ts';
import { listOrders, orderOfSessionQuery, orderQuery, purchaseView } from './orders.ts';
import { reconcileCustomerKey } from './reconcile.ts';
import { applyRetrievedSession } from './webhook.ts';

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
      const outcome = await applyRetrievedSession(db, session);
      if (outcome.paidOrderId) services.waitUntil(fulfil(services, { paidOrderId: outcome.paidOrderId }));
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
  const state = keyState({ key, sync: latest.sync, live: null, customer: suspension, now: clock.now() });
  return { order: purchaseView(latest.order ?? order), key: keySummary(state, key) };
}

/** The key as the success page shows it: is it there yet, and is a change still on its way. */
function keySummary(state: KeyState, key: PoolKeyRow | undefined): KeySummary {
  let status: KeyStatus;
  if (state.status === 'none') status = 'none';
  else if (state.status === 'provisioning') status = state.sync === 'failed' ? 'retrying' : 'provisioning';
  else if (state.sync !== 'synced') status = state.sync === 'failed' ? 'retrying' : 'updating';
  else status = key?.upstreamId ? 'ready' : 'none';
  return {
    status,
    capGb: key?.capGb ?? null,
    expiresAt: key?.expiresAt ?? null,
    enabled: key?.enabled ?? null,
    secretMask: key?.secretMask ?? null,
  };
}

/** What the purchase history reads beside the session check, in its round trip. */
export const purchaseReads = (db: Db, customerId: string) => ({ orders: rows(listOrders(db, customerId)) });

/** The customer's purchase history, newest first; abandoned checkouts are left out. */
export function purchaseHistory(
  { clock }: Pick<Services, 'clock'>,
  { orders }: ReadResults<ReturnType<typeof purchaseReads>>,
): Purchase[] {
  const now = clock.now();
  return orders
    .filter(
      (o) =>
        o.status !== 'expired' &&
        !(o.status === 'pending' && !o.paymentSettling && o.createdAt < now - CHECKOUT_TTL_MS),
    )
    .map(purchaseView);
}
