// The operator console's domain: overview figures, customers (list, detail), actions on a customer, the audit
// log, retail against wholesale pricing and CSV exports. No Hono here; routes live in src/routes/admin.ts.
export { grantGb, rerunFulfilment, resendSignIn, rotateCustomerKey, suspendCustomer, unsuspendCustomer, DEFAULT_GRANT_VALIDITY_DAYS, type ActionDeps, type GrantInput } from './actions.ts';
export { auditView, customerDetail, customerStatus, listCustomers, liveKeys, type LiveKey } from './customers.ts';
export { csvCell, csvLine, csvStream, customerCsv, purchaseCsv } from './csv.ts';
export { AdminError, type AdminErrorCode } from './errors.ts';
export { attentionOf, fillDays, overview, type OverviewDeps } from './overview.ts';
export { forgetWholesalePricing, pricingView, tierPricing, wholesaleRates } from './pricing.ts';
