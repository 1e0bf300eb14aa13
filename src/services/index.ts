// The one composition root: everything a request, a queue batch or a cron run works with, built from the Worker's
// bindings in one place. Domain functions take `Services` (or a `Pick` of it), never `Env` or Hono's context.
// Each part is built on first use: a request that needs only the config never constructs Stripe, and a bad config
// fails only the parts that need it (the health check and retention still run).

import { type Clock, systemClock } from '../clock.ts';
import { type Config, type ConfigProblem, getConfig, readConfig } from '../config/index.ts';
import { type Db, openDb } from '../db/index.ts';
import { loadCatalog } from '../i18n/catalogs.ts';
import { createLogger, type LogFields, type Logger } from '../log.ts';
import { createMail, type Mail } from '../mail/service.ts';
import { createPoolClient, type PoolClient } from '../pool/client.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { configInLanguage } from '../site/index.ts';
import { type StripeClient, stripeClient } from '../stripe/index.ts';

export interface Services {
  /** The validated config; throws ConfigError (answered 503 `config_invalid`) when a var or secret is wrong. */
  readonly config: Config;
  /** What is wrong with the config, empty when nothing: for the health check, which answers either way. */
  readonly configProblems: ConfigProblem[];
  /** drizzle over this request's (or run's) D1 session: see `ServiceContext.consistency`. */
  readonly db: Db;
  /** The D1 session's bookmark once `db` was used (null before): handed to the browser so it reads its own writes. */
  dbBookmark(): string | null;
  /** The Proxies.sx client, its timeout chosen by who waits (see POOL_TIMEOUT_MS). */
  readonly pool: PoolClient;
  readonly stripe: StripeClient;
  readonly mail: Mail;
  /** The availability cache. */
  readonly kv: KVNamespace;
  /** The jobs queue: the cron's work, a bounded page per message (src/jobs/). */
  readonly jobQueue: Queue;
  /**
   * Workers rate-limit bindings (wrangler.toml): sign-in per network, per customer (src/http/limits.ts), and the API's
   * per token, per customer and per network for tokens not seen working lately (src/http/bearer.ts).
   */
  readonly limiters: {
    login: RateLimit;
    customerCalls: RateLimit;
    customerActions: RateLimit;
    apiTokens: RateLimit;
    apiCustomers: RateLimit;
    apiAuth: RateLimit;
  };
  readonly clock: Clock;
  readonly log: Logger;
  /** Work that may outlive the answer (`executionCtx.waitUntil`). */
  waitUntil(promise: Promise<unknown>): void;
  /** Provides a language's messages before anything is written in it (src/i18n/catalogs.ts). */
  loadCatalog(locale: Locale): Promise<void>;
  /** The config with a language's own words over BRAND's and PRICING's (content/<locale>/shop.json). */
  configIn(locale: Locale): Promise<Config>;
}

export interface ServiceContext {
  log: Logger;
  waitUntil(promise: Promise<unknown>): void;
  /** Who waits for upstream answers: a person ('request') or nobody ('background': the queue and the cron). */
  kind: 'request' | 'background';
  /**
   * Which copy of the database answers (D1 read replication), asked when the database is first used (a request's
   * route declares it on its way: src/http/consistency.ts): 'first-primary', 'first-unconstrained' (any replica), or a
   * bookmark (a replica at least as new as the browser's last write). Without it, the primary.
   */
  consistency?: () => D1SessionConstraint | D1SessionBookmark;
}

/** Per attempt of one Proxies.sx call: a person waits on a request; the queue and the cron can afford longer. */
export const POOL_TIMEOUT_MS = { request: 5_000, background: 10_000 } as const;

function once<T>(make: () => T): (() => T) & { made(): boolean } {
  let made: { value: T } | undefined;
  const get = () => {
    made ??= { value: make() };
    return made.value;
  };
  return Object.assign(get, { made: () => made !== undefined });
}

/** Overrides pinned to a copy of the bindings (see `withOverrides`); production never pins any. */
const pinned = new WeakMap<Env, Partial<Services>>();

/**
 * A copy of `env` whose services always take `overrides` (over those `env` was pinned to, if any): how a test runs the
 * whole Worker (a request, the webhook, the cron) at another time, e.g.
 * `call(path, { env: withOverrides(env, { clock: clockFrom(later) }) })`.
 */
export function withOverrides(env: Env, overrides: Partial<Services>): Env {
  const copy = { ...env };
  pinned.set(copy, { ...pinned.get(env), ...overrides });
  return copy;
}

/** The services over `env`. `overrides` replace parts outright (tests: a clock, a client with test options). */
export function createServices(env: Env, context: ServiceContext, overrides: Partial<Services> = {}): Services {
  const clock = overrides.clock ?? pinned.get(env)?.clock ?? systemClock;
  const config = once(() => getConfig(env));
  const session = once(() => env.DB.withSession(context.consistency?.() ?? 'first-primary'));
  const db = once(() => openDb(session()));
  const pool = once(() =>
    createPoolClient({ config: config().upstream, log: context.log, clock, timeoutMs: POOL_TIMEOUT_MS[context.kind] }),
  );
  const mail = once(() => createMail(env.MAIL_QUEUE, env.MAILER, config, db));
  return {
    get config() {
      return config();
    },
    get configProblems() {
      const result = readConfig(env);
      return result.ok ? [] : result.problems;
    },
    get db() {
      return db();
    },
    dbBookmark: () => (session.made() ? session().getBookmark() : null),
    get pool() {
      return pool();
    },
    get stripe() {
      return stripeClient(config());
    },
    get mail() {
      return mail();
    },
    kv: env.CACHE,
    jobQueue: env.JOBS_QUEUE,
    limiters: {
      login: env.LOGIN_LIMITER,
      customerCalls: env.CUSTOMER_CALL_LIMITER,
      customerActions: env.CUSTOMER_ACTION_LIMITER,
      apiTokens: env.API_TOKEN_LIMITER,
      apiCustomers: env.API_CUSTOMER_LIMITER,
      apiAuth: env.API_AUTH_LIMITER,
    },
    clock,
    log: context.log,
    waitUntil: context.waitUntil,
    loadCatalog: (locale) => loadCatalog(env.ASSETS, locale, { cache: config().env === 'production' }),
    configIn: (locale) => configInLanguage(config(), env.ASSETS, locale),
    ...pinned.get(env),
    ...overrides,
  };
}

/**
 * The services of a queue batch or a cron run: nobody waits on the answer, and each log line carries `fields`; a cron
 * run passes the clock of its scheduled time.
 */
export function backgroundServices(env: Env, ctx: ExecutionContext, fields: LogFields, clock?: Clock): Services {
  return createServices(
    env,
    { log: createLogger(fields), waitUntil: (promise) => ctx.waitUntil(promise), kind: 'background' },
    clock ? { clock } : {},
  );
}
