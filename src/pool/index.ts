// The Proxies.sx domain: the reseller API client, its contract (shapes) and the cached public availability.
export { createPoolClient, parseRetryAfter, type PoolClient, type PoolClientOptions, type CallOptions, type AuditQuery } from './client.ts';
export {
  AvailabilityUnavailable,
  INCIDENTS,
  STOCK,
  activeIncidents,
  availabilityCacheControl,
  offeredStock,
  readAvailability,
  upstreamHealth,
  type AvailabilityDeps,
  type Cached,
} from './availability.ts';
export { UpstreamError, isUpstreamError, type UpstreamErrorKind } from './errors.ts';
export {
  CAP_CEILING_GB,
  type ActiveSession,
  type AuditEvent,
  type CloseSessionAnswer,
  type Incident,
  type IncidentsFeed,
  type KeyUsageDay,
  type MintKeyInput,
  type PoolAccessKey,
  type PoolStock,
  type SessionsAnswer,
  type TopUpInput,
  type UpdateKeyInput,
  type WholesalePricing,
} from './contract.ts';
