// The Hono environment every route and middleware shares.
import type { Logger } from '../log.ts';

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    log: Logger;
  };
}
