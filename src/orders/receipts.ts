// Purchase confirmations: one receipt per paid order, through the mail queue. `receipt_sent_at` is claimed before
// queueing (and given back if queueing fails), so concurrent fulfilment paths cannot send it twice.
import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import { orders } from '../../schema.ts';
import { customerLocale, getCustomer } from '../customers/index.ts';
import type { Services } from '../services/index.ts';
import { MINUTE_MS } from '../time.ts';
import { purchaseKindOf } from './views.ts';

type ReceiptServices = Pick<Services, 'db' | 'mail' | 'log' | 'clock'>;

export async function sendReceiptOnce(
  services: ReceiptServices,
  orderId: string,
  now = services.clock.now(),
): Promise<boolean> {
  const { db } = services;
  const [claimed] = await db
    .update(orders)
    .set({ receiptSentAt: now })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'paid'), isNull(orders.receiptSentAt)))
    .returning();
  if (!claimed) return false;
  try {
    const customer = await getCustomer(db, claimed.customerId);
    if (!customer) throw new Error('customer missing');
    await services.mail.enqueue({
      kind: 'receipt',
      locale: customerLocale(customer),
      orderId: claimed.id,
      to: customer.email,
      tierId: claimed.tierId,
      tierName: claimed.tierName,
      gb: claimed.gb,
      price: claimed.price,
      discount: claimed.discount,
      tax: claimed.tax,
      currency: claimed.currency,
      validityDays: claimed.validityDays,
      paidAt: claimed.paidAt ?? now,
      via: purchaseKindOf(claimed) === 'auto_top_up' ? 'auto_top_up' : 'checkout',
    });
    return true;
  } catch (err) {
    services.log.error('receipt not queued', { orderId, err });
    await db.update(orders).set({ receiptSentAt: null }).where(eq(orders.id, orderId));
    return false;
  }
}

/**
 * The cron's sweep, a page at a time: paid orders whose receipt was never queued (a crash between payment and
 * queueing), in id order after `page.after`; returns how many were queued and where the next page starts.
 */
export async function sendMissingReceipts(
  services: ReceiptServices,
  now: number,
  page: { after: string | null; limit: number },
): Promise<{ sent: number; next: string | null }> {
  const missing = await services.db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'paid'),
        isNull(orders.receiptSentAt),
        lt(orders.paidAt, now - MINUTE_MS),
        page.after === null ? undefined : gt(orders.id, page.after),
      ),
    )
    .orderBy(asc(orders.id))
    .limit(page.limit);
  let sent = 0;
  for (const { id } of missing) if (await sendReceiptOnce(services, id, now)) sent++;
  return { sent, next: missing.length === page.limit ? (missing.at(-1)?.id ?? null) : null };
}
