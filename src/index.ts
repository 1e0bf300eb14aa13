// Composes the Worker: the Hono API (each domain's routes chained so AppType types the SPA's client),
// the mail queue consumer and the cron trigger.
import { Hono } from 'hono';
import type { AppEnv } from './http/context.ts';
import { notFound, onError } from './http/errors.ts';
import { csrfGuard, jsonOnly, limitBody, requestContext, securityHeaders } from './http/middleware.ts';
import { availability } from './routes/availability.ts';
import { meta } from './routes/meta.ts';

const app = new Hono<AppEnv>()
  .basePath('/api')
  .use(requestContext, securityHeaders, csrfGuard, jsonOnly, limitBody)
  .route('/', meta)
  .route('/', availability);

app.notFound(notFound);
app.onError(onError);

export type AppType = typeof app;

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
