// A customer's personal access tokens as the console sees them (names, scopes, last use, expiry; never the token),
// and revoking one as the operator (audited as `admin:<email>`).
import type { Services } from '../services/index.ts';
import type { AdminActionAnswer } from '../shared/admin.ts';
import type { TokensAnswer } from '../shared/tokens.ts';
import { listTokens, revokeToken } from '../tokens/index.ts';
import { findCustomer } from './customers.ts';
import { type Operator, operatorActor } from './operator.ts';

type TokenServices = Pick<Services, 'db' | 'config' | 'clock'>;

export async function customerTokens(services: TokenServices, customerId: string): Promise<TokensAnswer> {
  await findCustomer(services.db, customerId);
  return listTokens(services, customerId);
}

export async function revokeCustomerToken(
  services: TokenServices,
  operator: Operator,
  customerId: string,
  tokenId: string,
): Promise<AdminActionAnswer> {
  await findCustomer(services.db, customerId);
  await revokeToken(services, customerId, tokenId, { actor: operatorActor(operator), requestId: operator.requestId });
  return { action: 'revoke_token', message: 'Token revoked: scripts using it are refused from now on.' };
}
