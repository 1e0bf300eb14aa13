// Tests run inside workerd with real local D1, KV, Queues and rate limiters (miniflare), against the
// simulators served over real HTTP on a free port (test/global-setup.ts).

import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { readDevVars } from './devkit/dev-vars.ts';

export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => {
      const simUrl = inject<string>('simUrl');
      return {
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            // The committed example, not a developer's own .dev.vars: every machine tests the same config.
            ...readDevVars('.dev.vars.example'),
            SHOP_ENV: 'test',
            PUBLIC_URL: 'https://shop.test',
            PROXIES_SX_API_URL: `${simUrl}/v1`,
            STRIPE_API_URL: simUrl,
            MAIL_OUTBOX_URL: `${simUrl}/_sim/outbox`,
            TURNSTILE_VERIFY_URL: `${simUrl}/turnstile/v0/siteverify`,
            SIM_URL: simUrl,
            // Queue retries at once, so a message can be driven through every retry into the dead-letter queue.
            MAIL_RETRY_DELAY_SECONDS: '0',
            TEST_MIGRATIONS: await readD1Migrations(new URL('./migrations', import.meta.url).pathname),
          },
          // The shop's database as wrangler.toml binds it, and a second one that plays a lagging read replica
          // (test/support/replica.ts).
          d1Databases: { DB: 'proxy-storefront', REPLICA_DB: 'test-replica' },
          // The mail consumer runs at once in tests (wrangler.toml batches for up to 2 s); otherwise as configured there.
          queueConsumers: {
            'proxy-storefront-mail': {
              maxBatchSize: 10,
              maxBatchTimeout: 0,
              maxRetries: 5,
              deadLetterQueue: 'proxy-storefront-mail-dlq',
            },
            'proxy-storefront-mail-dlq': { maxBatchSize: 10, maxBatchTimeout: 0 },
            // The jobs queue as wrangler.toml has it (one message per invocation); tests that run a whole cron
            // cycle hold its messages and deliver them themselves (test/cron.ts).
            'proxy-storefront-jobs': {
              maxBatchSize: 1,
              maxBatchTimeout: 0,
              maxRetries: 3,
              deadLetterQueue: 'proxy-storefront-jobs-dlq',
            },
            'proxy-storefront-jobs-dlq': { maxBatchSize: 10, maxBatchTimeout: 0 },
          },
        },
      };
    }),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    setupFiles: ['./test/setup.ts'],
    // One simulator process serves every test file; files run one after another so its call log is theirs.
    fileParallelism: false,
    // A cron cycle runs every page of its jobs through the Worker's queue handler, an invocation each; a test that runs
    // several (with purchases and webhooks around them) takes longer than vitest's 5 s on a busy shared machine.
    testTimeout: 20_000,
    // Per-request info lines would bury the report; warnings and errors still print.
    onConsoleLog: (log) => !log.includes('"level":"info"'),
  },
});
