// The dev-only Worker entry of `npm run bench:d1` and `npm run bench:scale` (`DEV_ENTRY=bench/instrumented/index.ts
// npm run dev`): the shop of src/index.ts, unchanged, behind tapped bindings, fetch and Cache API (tap.ts).
// A request that carries `x-bench-id` is recorded (with `x-bench-d1-delay-ms`, every D1 call waits that long first);
// its figures are read back from GET /api/__bench/recordings/:id once its background work has settled. Every queue
// and cron invocation is recorded too, and read back from GET /api/__bench/invocations. bench:scale seeds D1 through
// POST /api/__bench/seed and reads it through POST /api/__bench/query. Never deployed.
import shop from '../../src/index.ts';
import { seedCustomers } from './seed.ts';
import type { SeedCustomer } from './seed-customer.ts';
import type { InvocationSummary } from './tally.ts';
import {
  Recording,
  recordInto,
  summarise,
  summariseInvocation,
  tapD1,
  tapGlobals,
  tapKv,
  tapLimiter,
  tapQueue,
} from './tap.ts';

tapGlobals();

const RECORDING_PATH = /^\/api\/__bench\/recordings\/([\w-]{1,64})$/;
/** Recordings kept for the runner to read (the oldest go first). */
const KEPT = 500;
const recordings = new Map<string, Recording>();
/** Every queue and cron invocation since the isolate started (or since the runner last cleared them). */
const invocations: InvocationSummary[] = [];

function tappedEnv(env: Env): Env {
  return {
    ...env,
    DB: tapD1(env.DB),
    CACHE: tapKv(env.CACHE),
    MAIL_QUEUE: tapQueue(env.MAIL_QUEUE),
    MAIL_DEAD_LETTERS: tapQueue(env.MAIL_DEAD_LETTERS),
    JOBS_QUEUE: tapQueue(env.JOBS_QUEUE),
    JOB_DEAD_LETTERS: tapQueue(env.JOB_DEAD_LETTERS),
    LOGIN_LIMITER: tapLimiter(env.LOGIN_LIMITER),
    CUSTOMER_CALL_LIMITER: tapLimiter(env.CUSTOMER_CALL_LIMITER),
    CUSTOMER_ACTION_LIMITER: tapLimiter(env.CUSTOMER_ACTION_LIMITER),
  };
}

const upstreamsOf = (env: Env) => ({ platform: env.PROXIES_SX_API_URL, stripe: env.STRIPE_API_URL });

/** `ctx` with every waitUntil promise also kept in `recording` (to wait for the work started in the background). */
function tracked(ctx: ExecutionContext, recording: Recording): ExecutionContext {
  return new Proxy(ctx, {
    get(target, property) {
      if (property === 'waitUntil')
        return (promise: Promise<unknown>) => {
          recording.background.push(promise);
          target.waitUntil(promise);
        };
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function recorded(request: Request, env: Env, ctx: ExecutionContext, id: string): Promise<Response> {
  const recording = new Recording(Number(request.headers.get('x-bench-d1-delay-ms') ?? 0), upstreamsOf(env));
  if (recordings.size >= KEPT) recordings.delete(recordings.keys().next().value as string);
  recordings.set(id, recording);
  const response = await recordInto(recording, () => shop.fetch(request, tappedEnv(env), tracked(ctx, recording)));
  recording.answeredAt = Date.now();
  return response;
}

/** Runs one queue or cron invocation recorded, and keeps its summary once its background work has settled. */
async function invocation(
  env: Env,
  ctx: ExecutionContext,
  entry: string,
  job: { job: string; part: number } | undefined,
  run: (env: Env, ctx: ExecutionContext) => Promise<void>,
): Promise<void> {
  const recording = new Recording(0, upstreamsOf(env));
  try {
    await recordInto(recording, () => run(tappedEnv(env), tracked(ctx, recording)));
  } finally {
    await recording.settled();
    invocations.push(summariseInvocation(recording, entry, job));
  }
}

/** The job and part of a jobs queue message (one per invocation: wrangler.toml's max_batch_size). */
function jobOf(batch: MessageBatch): { job: string; part: number } | undefined {
  const body = batch.messages[0]?.body as { job?: unknown; part?: unknown } | undefined;
  return typeof body?.job === 'string' && typeof body.part === 'number'
    ? { job: body.job, part: body.part }
    : undefined;
}

async function report(id: string): Promise<Response> {
  const recording = recordings.get(id);
  if (!recording) return Response.json({ error: 'no such recording' }, { status: 404 });
  await recording.settled();
  return Response.json(summarise(recording));
}

/** The bench's own routes, on the untapped bindings. */
async function benchRoute(request: Request, env: Env): Promise<Response | null> {
  const { pathname, searchParams } = new URL(request.url);
  const asked = RECORDING_PATH.exec(pathname);
  if (asked?.[1]) return report(asked[1]);
  if (pathname === '/api/__bench/invocations') {
    const from = Number(searchParams.get('from') ?? 0);
    return Response.json({ total: invocations.length, invocations: invocations.slice(from) });
  }
  if (pathname === '/api/__bench/seed' && request.method === 'POST')
    return Response.json({ seeded: await seedCustomers(env.DB, await request.json<SeedCustomer[]>()) });
  if (pathname === '/api/__bench/query' && request.method === 'POST') {
    const { sql, params = [] } = await request.json<{ sql: string; params?: unknown[] }>();
    return Response.json(
      (
        await env.DB.prepare(sql)
          .bind(...params)
          .all()
      ).results,
    );
  }
  return null;
}

export default {
  async fetch(request, env, ctx) {
    const bench = await benchRoute(request, env);
    if (bench) return bench;
    const id = request.headers.get('x-bench-id');
    if (id) return recorded(request, env, ctx, id);
    return shop.fetch(request, tappedEnv(env), ctx);
  },
  queue: (batch, env, ctx) =>
    invocation(env, ctx, batch.queue, jobOf(batch), (tapped, tctx) => shop.queue(batch, tapped, tctx)),
  scheduled: (controller, env, ctx) =>
    invocation(env, ctx, 'scheduled', undefined, (tapped, tctx) => shop.scheduled(controller, tapped, tctx)),
} satisfies ExportedHandler<Env>;
