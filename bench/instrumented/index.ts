// The dev-only Worker entry of `npm run bench:d1` (`DEV_ENTRY=bench/instrumented/index.ts npm run dev`): the shop of
// src/index.ts, unchanged, behind tapped bindings, fetch and Cache API (tap.ts). A request that carries
// `x-bench-id` is recorded (with `x-bench-d1-delay-ms`, every D1 call waits that long first); its figures are read
// back from GET /api/__bench/recordings/:id once its background work has settled. Never deployed.
import shop from '../../src/index.ts';
import { Recording, recordInto, summarise, tapD1, tapGlobals, tapKv, tapLimiter, tapQueue } from './tap.ts';

tapGlobals();

const RECORDING_PATH = /^\/api\/__bench\/recordings\/([\w-]{1,64})$/;
/** Recordings kept for the runner to read (the oldest go first). */
const KEPT = 500;
const recordings = new Map<string, Recording>();

function tappedEnv(env: Env): Env {
  return {
    ...env,
    DB: tapD1(env.DB),
    CACHE: tapKv(env.CACHE),
    MAIL_QUEUE: tapQueue(env.MAIL_QUEUE),
    MAIL_DEAD_LETTERS: tapQueue(env.MAIL_DEAD_LETTERS),
    LOGIN_LIMITER: tapLimiter(env.LOGIN_LIMITER),
    CUSTOMER_CALL_LIMITER: tapLimiter(env.CUSTOMER_CALL_LIMITER),
    CUSTOMER_ACTION_LIMITER: tapLimiter(env.CUSTOMER_ACTION_LIMITER),
  };
}

async function recorded(request: Request, env: Env, ctx: ExecutionContext, id: string): Promise<Response> {
  const recording = new Recording(Number(request.headers.get('x-bench-d1-delay-ms') ?? 0), {
    platform: env.PROXIES_SX_API_URL,
    stripe: env.STRIPE_API_URL,
  });
  if (recordings.size >= KEPT) recordings.delete(recordings.keys().next().value as string);
  recordings.set(id, recording);
  const tracked = new Proxy(ctx, {
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
  const response = await recordInto(recording, () => shop.fetch(request, tappedEnv(env), tracked));
  recording.answeredAt = Date.now();
  return response;
}

async function report(id: string): Promise<Response> {
  const recording = recordings.get(id);
  if (!recording) return Response.json({ error: 'no such recording' }, { status: 404 });
  await recording.settled();
  return Response.json(summarise(recording));
}

export default {
  async fetch(request, env, ctx) {
    const asked = RECORDING_PATH.exec(new URL(request.url).pathname);
    if (asked?.[1]) return report(asked[1]);
    const id = request.headers.get('x-bench-id');
    if (id) return recorded(request, env, ctx, id);
    return shop.fetch(request, tappedEnv(env), ctx);
  },
  queue: (batch, env, ctx) => shop.queue(batch, tappedEnv(env), ctx),
  scheduled: (controller, env, ctx) => shop.scheduled(controller, tappedEnv(env), ctx),
} satisfies ExportedHandler<Env>;
