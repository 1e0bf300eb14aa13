// Purchase confirmations: one receipt per paid order, through the mail queue. `receipt_sent_at` is claimed before
// queueing (and given back if queueing fails), so concurrent fulfilment paths cannot send it twice.
import { and, eq, isNull, lt } from 'drizzle-orm';
import { customers, orders } from '../../schema.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import { enqueueMail } from '../mail/index.ts';

export interface ReceiptDeps {
  db: Db;
  queue: Queue;
  log: Logger;
}

export async function sendReceiptOnce(deps: ReceiptDeps, orderId: string, now = Date.now()): Promise<boolean> {
  const { db } = deps;
  const [claimed] = await db
    .update(orders)
    .set({ receiptSentAt: now })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'paid'), isNull(orders.receiptSentAt)))
    .returning();
  if (!claimed) return false;
  try {
    const [customer] = await db
      .select({ email: customers.email })
      .from(customers)
      .where(eq(customers.id, claimed.customerId))
      .limit(1);
    if (!customer) throw new Error('customer missing');
    await enqueueMail(deps.queue, {
      kind: 'receipt',
      orderId: claimed.id,
      to: customer.email,
      tierName: claimed.tierName,
      gb: claimed.gb,
      price: claimed.price,
      currency: claimed.currency,
      validityDays: claimed.validityDays,
      paidAt: claimed.paidAt ?? now,
    });
    return true;
  } catch (err) {
    deps.log.error('receipt not queued', { orderId, err });
    await db.update(orders).set({ receiptSentAt: null }).where(eq(orders.id, orderId));
    return false;
  }
}

/** The cron's sweep: paid orders whose receipt was never queued (a crash between payment and queueing). */
export async function sendMissingReceipts(deps: ReceiptDeps, now = Date.now(), limit = 25): Promise<number> {
  const missing = await deps.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'paid'), isNull(orders.receiptSentAt), lt(orders.paidAt, now - 60_000)))
    .limit(limit);
  let sent = 0;
  for (const { id } of missing) if (await sendReceiptOnce(deps, id, now)) sent++;
  return sent;
}
