// Composes the Worker: the Hono API under /api (each domain's routes chained so AppType types the SPA's client), the
// shop's pages (every other path that is not a static asset), the mail and jobs queue consumers and the cron trigger.
// Each entry point builds its services from Env the same way (src/services).
import { Hono } from 'hono';
import { clockFrom } from './clock.ts';
import type { AppEnv } from './http/context.ts';
import { notFound, onError } from './http/errors.ts';
import { csrfGuard, jsonOnly, limitBody, requestContext, securityHeaders } from './http/middleware.ts';
import { handleJobsQueue, isJobsQueue, planTick } from './jobs/index.ts';
import { handleMailQueue, isMailQueue } from './mail/index.ts';
import { admin } from './routes/admin.ts';
import { apiV1 } from './routes/api-v1.ts';
import { auth } from './routes/auth.ts';
import { autoTopUp } from './routes/auto-top-up.ts';
import { availability } from './routes/availability.ts';
import { billing } from './routes/billing.ts';
import { dashboard } from './routes/dashboard.ts';
import { meta } from './routes/meta.ts';
import { reminders } from './routes/reminders.ts';
import { site } from './routes/site.ts';
import { tokens } from './routes/tokens.ts';
import { backgroundServices } from './services/index.ts';

/** The API (exported for the test that checks every route declares the copy of the database it reads). */
export const api = new Hono<AppEnv>()
  .basePath('/api')
  .use(requestContext, securityHeaders, csrfGuard, jsonOnly, limitBody)
  .route('/', meta)
  .route('/', availability)
  .route('/auth', auth)
  .route('/', billing)
  .route('/', dashboard)
  .route('/', reminders)
  .route('/', autoTopUp)
  .route('/admin', admin)
  .route('/tokens', tokens)
  .route('/v1', apiV1);

api.notFound(notFound);
api.onError(onError);

export type AppType = typeof api;

/** `/api` and below is the API; anything else reaching the Worker is a page (static assets are served before it). */
const isApi = (request: Request) => /^\/api(\/|$)/.test(new URL(request.url).pathname);

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => (isApi(request) ? api : site).fetch(request, env, ctx),
  async queue(batch, env, ctx) {
    const services = backgroundServices(env, ctx, { queue: batch.queue });
    if (isMailQueue(batch.queue)) return handleMailQueue(batch, services);
    if (isJobsQueue(batch.queue)) return handleJobsQueue(batch, services);
    services.log.error('no consumer for this queue; retrying the batch');
    batch.retryAll({ delaySeconds: 300 });
  },
  /** Cron: the first message of each chain of its plan (CRON_PLAN) onto the jobs queue, keyed by the scheduled time. */
  async scheduled(controller, env, ctx) {
    const services = backgroundServices(
      env,
      ctx,
      { cron: new Date(controller.scheduledTime).toISOString() },
      clockFrom(controller.scheduledTime),
    );
    await planTick(services, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
