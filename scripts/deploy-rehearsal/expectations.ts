// What a deployed shop must hold, read from the project itself: wrangler.toml's bindings, vars, queues and cron,
// the SQL migrations and the built SPA. The rehearsal compares the simulated account with it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'smol-toml';

export interface ConsumerConfig {
  queue: string;
  max_batch_size?: number;
  max_batch_timeout?: number;
  max_retries?: number;
  dead_letter_queue?: string;
}

export interface WranglerConfig {
  name: string;
  main: string;
  compatibility_date: string;
  workers_dev?: boolean;
  preview_urls?: boolean;
  vars: Record<string, string>;
  assets: { directory: string; binding: string; not_found_handling?: string; run_worker_first?: string[] };
  d1_databases: { binding: string; database_name: string; migrations_dir?: string }[];
  kv_namespaces: { binding: string }[];
  queues: { producers: { binding: string; queue: string }[]; consumers: ConsumerConfig[] };
  ratelimits: { name: string; namespace_id: string; simple: { limit: number; period: number } }[];
  send_email: { name: string }[];
  triggers: { crons: string[] };
}

export interface Expectations {
  config: WranglerConfig;
  migrations: string[];
  /** Every table the migrations create. */
  tables: string[];
  /** Every queue wrangler.toml names (producers, consumers and their dead-letter queues). */
  queueNames: Set<string>;
  /** The built SPA: asset path (`/.vite/app.json`) → file on disk; _headers and _redirects travel as config. */
  assetFiles: Map<string, string>;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const TABLE_STATEMENT = /(CREATE TABLE|DROP TABLE|ALTER TABLE) [`"]?(\w+)[`"]?(?: RENAME TO [`"]?(\w+)[`"]?)?/gi;

/** The tables the migrations leave, in order: a table rebuilt as `__new_x`, then dropped and renamed, counts as `x`. */
function tablesAfter(sql: string): string[] {
  const tables = new Set<string>();
  for (const [, statement, name = '', renamedTo] of sql.matchAll(TABLE_STATEMENT)) {
    const verb = statement?.toUpperCase();
    if (verb === 'CREATE TABLE') tables.add(name);
    else if (verb === 'DROP TABLE') tables.delete(name);
    else if (renamedTo) {
      tables.delete(name);
      tables.add(renamedTo);
    }
  }
  return [...tables];
}

export function readExpectations(): Expectations {
  const config = parse(readFileSync('wrangler.toml', 'utf8')) as unknown as WranglerConfig;
  const migrationsDir = config.d1_databases[0]?.migrations_dir ?? 'migrations';
  const migrations = readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  const sql = migrations.map((file) => readFileSync(join(migrationsDir, file), 'utf8')).join('\n');
  const tables = tablesAfter(sql);
  const assetFiles = new Map(
    walk(config.assets.directory)
      .map((file) => [`/${relative(config.assets.directory, file).split('\\').join('/')}`, file] as const)
      .filter(([path]) => !['/_headers', '/_redirects'].includes(path)),
  );
  const { producers, consumers } = config.queues;
  const queueNames = new Set([
    ...producers.map((p) => p.queue),
    ...consumers.flatMap((c) => (c.dead_letter_queue ? [c.queue, c.dead_letter_queue] : [c.queue])),
  ]);
  return { config, migrations, tables, queueNames, assetFiles };
}
