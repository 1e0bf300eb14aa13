// The account after a deploy, held against the project: the Worker with every binding wrangler.toml names, the
// secrets, D1 with every migration applied, KV, both queues with their consumers and dead-letter wiring, the cron,
// workers.dev and the SPA's assets (byte for byte).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AccountView } from '../../devkit/cloudflare-controls.ts';
import { MANIFEST_PATHS as BUILT_MANIFESTS } from '../../src/site/manifest.ts';
import { REQUIRED_SECRETS } from '../secrets-guide.ts';
import type { ConsumerConfig, Expectations } from './expectations.ts';

export type AccountSnapshot = AccountView;

/** The deployed assets checked byte for byte: the build's manifests, from which the Worker renders every page. */
export const MANIFEST_PATHS = BUILT_MANIFESTS.map((path) => `/${path}`);

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

const check = (name: string, ok: boolean, detail?: string): Check => ({ name, ok, ...(ok ? {} : { detail }) });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function consumerCheck(account: AccountSnapshot, workerName: string, config: ConsumerConfig): Check {
  const queue = account.queues.find((q) => q.queue_name === config.queue);
  const consumer = queue?.consumers[0];
  const wanted = {
    script: workerName,
    dead_letter_queue: config.dead_letter_queue,
    batch_size: config.max_batch_size,
    max_retries: config.max_retries,
    max_wait_time_ms: config.max_batch_timeout === undefined ? undefined : config.max_batch_timeout * 1000,
  };
  const found = consumer && {
    script: consumer.script,
    dead_letter_queue: consumer.dead_letter_queue,
    batch_size: consumer.settings.batch_size,
    max_retries: consumer.settings.max_retries,
    max_wait_time_ms: consumer.settings.max_wait_time_ms,
  };
  const dlq = config.dead_letter_queue ? `, dead letters → ${config.dead_letter_queue}` : '';
  return check(
    `queue ${config.queue} is consumed by ${workerName} as configured${dlq}`,
    queue?.consumers.length === 1 && same(found, wanted),
    `found ${JSON.stringify(queue?.consumers ?? 'no queue')}`,
  );
}

export function checkAccount(
  account: AccountSnapshot,
  expected: Expectations,
  readAsset: (path: string) => Buffer | undefined,
): Check[] {
  const { config } = expected;
  const worker = account.workers.find((w) => w.name === config.name);
  const bindings = new Map((worker?.bindings ?? []).map((b) => [b.name, b]));
  const binding = (name: string, type: string, fields: Record<string, unknown> = {}) => {
    const found = bindings.get(name);
    return Boolean(found && found.type === type && Object.entries(fields).every(([k, v]) => same(found[k], v)));
  };
  const database = account.d1.find((db) => db.name === config.d1_databases[0]?.database_name);
  const queueExists = (name: string) => account.queues.some((q) => q.queue_name === name);
  const vars = Object.entries(config.vars);
  const assets = worker?.assets;
  // Without routes, workers.dev is on unless turned off, and preview URLs follow it.
  const workersDev = config.workers_dev ?? true;
  const previews = config.preview_urls ?? workersDev;
  const bundle = basename(config.main).replace(/\.ts$/, '.js');
  const sameAsBuilt = (path: string) => {
    const deployed = readAsset(path);
    const built = expected.assetFiles.get(path);
    return Boolean(deployed && built && deployed.equals(readFileSync(built)));
  };

  return [
    check(
      `Worker ${config.name} runs the built ${bundle} (compatibility date ${config.compatibility_date})`,
      worker?.mainModule === bundle && worker.compatibilityDate === config.compatibility_date,
      `deployed: ${worker?.mainModule ?? 'nothing'} (${worker?.compatibilityDate ?? 'no compatibility date'})`,
    ),
    check(
      `all ${vars.length} vars are bound with their values`,
      vars.every(([name, text]) => binding(name, 'plain_text', { text })),
    ),
    ...REQUIRED_SECRETS.map((name) => check(`secret ${name} is set`, binding(name, 'secret_text'))),
    ...config.kv_namespaces.map((kv) =>
      check(
        `KV binding ${kv.binding} → a namespace on the account`,
        account.kv.some((ns) => binding(kv.binding, 'kv_namespace', { namespace_id: ns.id })),
      ),
    ),
    ...config.d1_databases.map((db) =>
      check(
        `D1 binding ${db.binding} → database ${db.database_name}`,
        Boolean(database && binding(db.binding, 'd1', { id: database.uuid })),
      ),
    ),
    ...config.queues.producers.map((p) =>
      check(
        `queue binding ${p.binding} → ${p.queue}, which exists`,
        binding(p.binding, 'queue', { queue_name: p.queue }) && queueExists(p.queue),
      ),
    ),
    ...config.ratelimits.map((r) =>
      check(
        `rate limit ${r.name}: ${r.simple.limit} per ${r.simple.period} s (no resource)`,
        binding(r.name, 'ratelimit', { namespace_id: r.namespace_id, simple: r.simple }),
      ),
    ),
    ...config.send_email.map((e) => check(`send_email binding ${e.name} (no resource)`, binding(e.name, 'send_email'))),
    check(`assets binding ${config.assets.binding}`, binding(config.assets.binding, 'assets')),
    check(
      `D1 has every migration applied (${expected.migrations.join(', ')})`,
      same(database?.migrations, expected.migrations),
      `applied: ${JSON.stringify(database?.migrations)}`,
    ),
    check(
      `D1 has every table the migrations create (${expected.tables.length})`,
      expected.tables.every((t) => database?.tables.includes(t)),
      `tables: ${JSON.stringify(database?.tables)}`,
    ),
    ...config.queues.consumers.map((c) => consumerCheck(account, config.name, c)),
    check(
      `cron ${config.triggers.crons.join(', ')}`,
      same(worker?.schedules, config.triggers.crons),
      `found ${JSON.stringify(worker?.schedules)}`,
    ),
    check(
      `workers.dev ${workersDev ? 'on' : 'off'}, preview URLs ${previews ? 'on' : 'off'}`,
      worker?.workersDev.enabled === workersDev && worker.workersDev.previews_enabled === previews,
      `found ${JSON.stringify(worker?.workersDev)}`,
    ),
    check(
      `the ${expected.assetFiles.size} built SPA files are the deployed assets`,
      same(Object.keys(assets?.files ?? {}).sort(), [...expected.assetFiles.keys()].sort()),
      `deployed: ${JSON.stringify(Object.keys(assets?.files ?? {}))}`,
    ),
    ...MANIFEST_PATHS.map((path) => check(`the deployed ${path} is the built one, byte for byte`, sameAsBuilt(path))),
    check(
      `assets config: ${config.assets.not_found_handling} fallback, ${config.assets.run_worker_first?.join(' ')} to the Worker first, _headers sent`,
      assets?.config.not_found_handling === config.assets.not_found_handling &&
        same(assets?.config.run_worker_first, config.assets.run_worker_first) &&
        typeof assets?.config._headers === 'string',
    ),
  ];
}
