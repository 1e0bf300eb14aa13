// Every test file starts from the committed migrations on its own fresh D1, whose statements are held to D1's
// bound-parameter limit (test/d1-limits.ts): a test that made the Worker (or itself) pass it fails.
import { applyD1Migrations, env } from 'cloudflare:test';
import { afterEach } from 'vitest';
import { guardBoundParameters, takeBoundParameterViolations } from './d1-limits.ts';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.REPLICA_DB, env.TEST_MIGRATIONS);
env.DB = guardBoundParameters(env.DB);
env.REPLICA_DB = guardBoundParameters(env.REPLICA_DB);

afterEach(() => {
  const over = takeBoundParameterViolations();
  if (over.length) throw new Error(`statements over D1's bound-parameter limit:\n${over.join('\n')}`);
});
