/// <reference types="vite/client" />
declare namespace Cloudflare {
  interface Env {
    SIM_URL: string;
    /** A second database, a lagging read replica's copy (test/support/replica.ts). */
    REPLICA_DB: D1Database;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
