// What the customer sees of their orders: the success page's order + key state (moving fulfilment along when it
// is owed) and the purchase history.
import { getCustomer, NOT_SUSPENDED } from '../customers/index.ts';
import { currentKey, getSync, isDue, type KeyState, keyState, type PoolKeyRow } from '../keys/index.ts';
import type { Services } from '../services/index.ts';
import type { KeyStatus, KeySummary, OrderStatusAnswer, Purchase } from '../shared/billing.ts';
import { CHECKOUT_TTL_MS } from './ceiling.ts';
import { fulfil } from './fulfil.ts';
import { findOrder, listOrders, purchaseView } from './orders.ts';
import { reconcileCustomerKey } from './reconcile.ts';
import { applyRetrievedSession } from './webhook.ts';

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,250}$/;
/** How long the order page waits for the key before answering "provisioning" (the SPA polls again). */
const ORDER_PAGE_WAIT_MS = 3_000;

/**
 * The order behind a Checkout Session, for its owner only (undefined for anyone else, like a missing one).
 * If the webhook is late it asks Stripe; if the key owes a reconcile that is due it runs one, waiting briefly.
 */
export async function orderStatus(
  services: Services,
  customerId: string,
  sessionId: string,
): Promise<OrderStatusAnswer | undefined> {
  const { db, log, clock } = services;
  const order = SESSION_ID.test(sessionId) ? await findOrder(db, { sessionId }) : undefined;
  if (!order || order.customerId !== customerId) return undefined;

  if (order.status === 'pending') {
    try {
      const outcome = await applyRetrievedSession(db, await services.stripe.checkout.sessions.retrieve(sessionId));
      if (outcome.paidOrderId) services.waitUntil(fulfil(services, { paidOrderId: outcome.paidOrderId }));
    } catch (err) {
      log.warn('checkout session lookup failed; waiting for the webhook', { err });
    }
  }
  if (isDue(await getSync(db, customerId), clock.now())) {
    const run = reconcileCustomerKey(services, customerId);
    services.waitUntil(run);
    await Promise.race([run, new Promise((resolve) => setTimeout(resolve, ORDER_PAGE_WAIT_MS))]);
  }
  const [fresh, key, sync, customer] = await Promise.all([
    findOrder(db, { id: order.id }),
    currentKey(db, customerId),
    getSync(db, customerId),
    getCustomer(db, customerId),
  ]);
  const state = keyState({ key, sync, live: null, customer: customer ?? NOT_SUSPENDED, now: clock.now() });
  return { order: purchaseView(fresh ?? order), key: keySummary(state, key) };
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

/** The customer's purchase history, newest first; abandoned checkouts are left out. */
export async function purchaseHistory(
  { db, clock }: Pick<Services, 'db' | 'clock'>,
  customerId: string,
): Promise<Purchase[]> {
  const now = clock.now();
  const rows = await listOrders(db, customerId);
  return rows
    .filter(
      (o) =>
        o.status !== 'expired' &&
        !(o.status === 'pending' && !o.paymentSettling && o.createdAt < now - CHECKOUT_TTL_MS),
    )
    .map(purchaseView);
}
