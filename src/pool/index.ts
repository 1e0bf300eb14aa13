// The Proxies.sx domain: the reseller API client, its contract (shapes) and the cached public availability.

export {
  AvailabilityUnavailable,
  activeIncidents,
  availabilityCacheControl,
  type Cached,
  INCIDENTS,
  offeredStock,
  readAvailability,
  STOCK,
  type UpstreamHealth,
  upstreamHealth,
} from './availability.ts';
export {
  type AuditQuery,
  type CallOptions,
  createPoolClient,
  type PoolClient,
  type PoolClientOptions,
  parseRetryAfter,
} from './client.ts';
export {
  type ActiveSession,
  type AuditEvent,
  type CloseSessionAnswer,
  type Incident,
  type IncidentsFeed,
  type KeyUsageDay,
  type KeyUsageReading,
  type MintKeyInput,
  PLATFORM_CAP_LIMIT_GB,
  type PoolAccessKey,
  type PoolStock,
  type SessionsAnswer,
  type TopUpInput,
  type UpdateKeyInput,
  type WholesalePricing,
} from './contract.ts';
export { isUpstreamError, UpstreamError, type UpstreamErrorKind } from './errors.ts';
