// Orders: what customers bought (a snapshot of the tier at checkout, also carried in Stripe metadata) and what it
// entitles them to — the orders and disputes tables, the GB ledger of their key generations, the cap ceiling's
// reservation, and one receipt per paid order.
export { CHECKOUT_TTL_MS, releaseReservation, reservationReads, reserveOrder, stillHasGb } from './ceiling.ts';
export { type Dispute, listDisputes, openDisputes, recordDisputeStatements } from './disputes.ts';
export { entitlementOf, openGb } from './entitlement.ts';
export {
  carryTarget,
  type GenerationBalance,
  type LedgerKey,
  ledgerOf,
  type PlacementStep,
  placeOrders,
  upstreamCapOf,
  usedGbOf,
} from './ledger.ts';
export {
  findOrder,
  type LocatedOrder,
  lastPurchasedTierId,
  listEntitledOrders,
  locateOrder,
  orderOfSessionQuery,
  orderQuery,
  ordersPage,
} from './queries.ts';
export { sendMissingReceipts, sendReceiptOnce } from './receipts.ts';
export {
  listRefunds,
  REFUND_REQUEST_METADATA_KEY,
  type RefundRow,
  recordRefundStatements,
  refundOfRequest,
  rememberRefundRequestStatement,
} from './refunds.ts';
export {
  type OrderSnapshot,
  snapshotFromMetadata,
  snapshotMetadata,
  snapshotOf,
  snapshotOfOrder,
} from './snapshot.ts';
export {
  type Charged,
  insertGrantStatement,
  linkStripeIdsStatement,
  markPaidStatement,
  markSettlingStatement,
  markUnpaidStatement,
  placeOrderStatement,
} from './store.ts';
export { netRevenueOf, purchaseHistory, purchaseKindOf, purchaseReads, purchaseView } from './views.ts';
