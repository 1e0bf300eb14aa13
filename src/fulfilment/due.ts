// What the cron finds owed: customers with a retirement step due (marked owed, so the reconcile takes them), and
// every customer owed a reconcile that is due now.
import { customersWithRetirementDue, dueCustomers, markOwedStatement } from '../keys/index.ts';
import type { ReconcileServices } from './key.ts';
import { type ReconcileResult, reconcileCustomerKey } from './reconcile.ts';
import { USAGE_SETTLE_MS } from './retire.ts';

/**
 * Marks owed the customers with a retirement step due at `at` (a grace that ended, a usage reading that has settled,
 * a retired key to delete); returns how many.
 */
export async function markRetirementsOwed(
  { db }: Pick<ReconcileServices, 'db'>,
  at: number,
  limit = 25,
): Promise<number> {
  const retiring = await customersWithRetirementDue(db, at, USAGE_SETTLE_MS, limit);
  const [first, ...rest] = retiring.map((customerId) => markOwedStatement(db, customerId, at));
  if (first) await db.batch([first, ...rest]);
  return retiring.length;
}

/** Reconciles every customer owed a reconcile that is due at `at`, one after another; tallies how each ended. */
export async function reconcileDueCustomers(
  services: ReconcileServices,
  at: number,
  limit = 25,
): Promise<Record<ReconcileResult['state'], number>> {
  const tally = { synced: 0, busy: 0, nothing: 0, pending: 0, failed: 0 };
  for (const customerId of await dueCustomers(services.db, at, limit))
    tally[(await reconcileCustomerKey(services, customerId)).state]++;
  return tally;
}
