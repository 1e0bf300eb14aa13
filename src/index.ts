// Composes the Worker: the Hono API (each domain's routes chained so AppType types the SPA's client),
// the mail queue consumer and the cron trigger.
import { Hono } from 'hono';
import type { AppEnv } from './http/context.ts';
import { notFound, onError } from './http/errors.ts';
import { csrfGuard, jsonOnly, limitBody, requestContext, securityHeaders } from './http/middleware.ts';
import { createLogger } from './log.ts';
import { handleMailQueue, isMailQueue } from './mail/index.ts';
import { auth } from './routes/auth.ts';
import { availability } from './routes/availability.ts';
import { dashboard } from './routes/dashboard.ts';
import { meta } from './routes/meta.ts';

const app = new Hono<AppEnv>()
  .basePath('/api')
  .use(requestContext, securityHeaders, csrfGuard, jsonOnly, limitBody)
  .route('/', meta)
  .route('/', availability)
  .route('/auth', auth)
  .route('/', dashboard);

app.notFound(notFound);
app.onError(onError);

export type AppType = typeof app;

export default {
  fetch: app.fetch,
  async queue(batch, env, _ctx) {
    if (isMailQueue(batch.queue)) return handleMailQueue(batch, env);
    createLogger({ queue: batch.queue }).error('no consumer for this queue; retrying the batch');
    batch.retryAll({ delaySeconds: 300 });
  },
} satisfies ExportedHandler<Env>;
