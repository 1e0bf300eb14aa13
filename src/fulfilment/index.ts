// Fulfilment: the customer's upstream keys made to match what they paid for, by a convergent reconcile under a
// lease (mint, cap, expiry, enabled, rollover retirement), started by a payment, the order page, the console or the
// cron. The rows and rules of a key it builds on are src/keys/; the orders and their ledger, src/orders/.
export { markRetirementsOwed, reconcileDueCustomers } from './due.ts';
export { type EndedGrace, endRetiringGrace } from './end-grace.ts';
export type { ReconcileServices } from './key.ts';
export { type ReconcileResult, reconcileCustomerKey } from './reconcile.ts';
