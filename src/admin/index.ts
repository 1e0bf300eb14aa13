// The operator console's domain: overview figures, customers (list, detail), actions on a customer, the audit
// log, retail against wholesale pricing and CSV exports. No Hono here; routes live in src/routes/admin.ts.
export {
  endCustomerGrace,
  grantGb,
  rerunFulfilment,
  resendSignIn,
  rotateCustomerKey,
  suspendCustomer,
  unsuspendCustomer,
} from './actions.ts';
export { auditPage } from './audit.ts';
export { csvCell, csvLine, exportCsv } from './csv.ts';
export { CURSOR } from './cursor.ts';
export { customerDetail, customerOrders, listCustomers } from './customers.ts';
export { AdminError } from './errors.ts';
export type { Operator } from './operator.ts';
export { attentionOf, fillDays, overview } from './overview.ts';
export { pricingView, tierPricing, wholesaleRates } from './pricing.ts';
export { REFUND_REASONS, refundOrder } from './refunds.ts';
export { customerTokens, revokeCustomerToken } from './tokens.ts';
