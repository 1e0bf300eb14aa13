// The Hono environment every route and middleware shares.
import type { Customer } from '../../schema.ts';
import type { Services } from '../services/index.ts';
import type { TokenIdentity } from '../tokens/index.ts';

/** The signed-in customer, set by the session middleware (src/http/session.ts) on protected routes. */
export interface SessionIdentity {
  customerId: string;
  email: string;
  /** Their row as the session check read it (suspension, Stripe customer): no need to read it again. */
  customer: Customer;
  sessionId: string;
  /** When the magic link behind this session was used (unix ms): "recent sign-in" checks read it. */
  signedInAt: number;
  isAdmin: boolean;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The request's services, built once by `requestContext` (src/http/middleware.ts). */
    services: Services;
    identity: SessionIdentity;
    /** The personal access token of a customer API request (/api/v1), set by `requireToken` (src/http/bearer.ts). */
    token: TokenIdentity;
  };
}
