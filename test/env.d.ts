declare namespace Cloudflare {
  interface Env {
    SIM_URL: string;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
