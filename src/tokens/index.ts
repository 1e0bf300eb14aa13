// Personal access tokens: a customer's scripts call the customer API (/api/v1) with one. Owns api_tokens.
export { authenticateToken, type TokenIdentity } from './authenticate.ts';
export { TokenError } from './errors.ts';
export {
  createToken,
  listTokens,
  type NewToken,
  revokeAllTokens,
  revokeToken,
  type TokenActor,
  tokenView,
} from './manage.ts';
export { countSecretRead, SECRET_READ_ACTION } from './secret-reads.ts';
