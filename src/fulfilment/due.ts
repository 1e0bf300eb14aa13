// What the cron finds owed, a page at a time: customers with a retirement step due (marked owed, so the reconcile
// takes them), and every customer owed a reconcile that is due now.
import { customersWithRetirementDue, dueCustomers, markOwedStatement } from '../keys/index.ts';
import type { ReconcileServices } from './key.ts';
import { type ReconcileResult, reconcileCustomerKey } from './reconcile.ts';
import { USAGE_SETTLE_MS } from './retire.ts';

/** A page of customers in id order: the first after `after`, at most `limit`. */
export interface CustomerPage {
  after: string | null;
  limit: number;
}

/** The id the next page starts after: the page's last when it was full, else null (it was the last page). */
const nextAfter = (ids: string[], limit: number) => (ids.length === limit ? (ids.at(-1) ?? null) : null);

/**
 * Marks owed one page of the customers with a retirement step due at `at` (a grace that ended, a usage reading that
 * has settled, a retired key to delete); returns how many and where the next page starts.
 */
export async function markRetirementsOwed(
  { db }: Pick<ReconcileServices, 'db'>,
  at: number,
  page: CustomerPage,
): Promise<{ marked: number; next: string | null }> {
  const retiring = await customersWithRetirementDue(db, at, USAGE_SETTLE_MS, page);
  const [first, ...rest] = retiring.map((customerId) => markOwedStatement(db, customerId, at));
  if (first) await db.batch([first, ...rest]);
  return { marked: retiring.length, next: nextAfter(retiring, page.limit) };
}

/**
 * Reconciles one page of the customers owed a reconcile that is due at `at`, one after another; tallies how each
 * ended and says where the next page starts.
 */
export async function reconcileDueCustomers(
  services: ReconcileServices,
  at: number,
  page: CustomerPage,
): Promise<{ tally: Record<ReconcileResult['state'], number>; next: string | null }> {
  const tally = { synced: 0, busy: 0, nothing: 0, pending: 0, failed: 0 };
  const due = await dueCustomers(services.db, at, page);
  for (const customerId of due) tally[(await reconcileCustomerKey(services, customerId)).state]++;
  return { tally, next: nextAfter(due, page.limit) };
}
