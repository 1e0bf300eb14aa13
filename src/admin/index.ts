// The operator console's domain: overview figures, customers (list, detail), actions on a customer, the audit
// log, retail against wholesale pricing and CSV exports. No Hono here; routes live in src/routes/admin.ts.
export {
  type ActionDeps,
  DEFAULT_GRANT_VALIDITY_DAYS,
  type GrantInput,
  grantGb,
  rerunFulfilment,
  resendSignIn,
  rotateCustomerKey,
  suspendCustomer,
  unsuspendCustomer,
} from './actions.ts';
export { csvCell, csvLine, csvStream, customerCsv, purchaseCsv } from './csv.ts';
export { auditView, customerDetail, customerStatus, type LiveKey, listCustomers, liveKeys } from './customers.ts';
export { AdminError, type AdminErrorCode } from './errors.ts';
export { attentionOf, fillDays, type OverviewDeps, overview } from './overview.ts';
export { forgetWholesalePricing, pricingView, tierPricing, wholesaleRates } from './pricing.ts';
