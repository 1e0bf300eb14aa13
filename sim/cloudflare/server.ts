// A local stand-in for the Cloudflare API (https://api.cloudflare.com/client/v4), written from wrangler 4's own
// client calls and Cloudflare's public API docs, so that wrangler's real deploy path can run offline:
// `CLOUDFLARE_API_BASE_URL=<url>/client/v4`. Development and test tool only; controls under /_sim/cloudflare.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { announceListening } from '../../devkit/simulators.ts';
import { localHostsOnly } from '../local-hosts.ts';
import { accountRoutes } from './accounts.ts';
import { type CfEnv, fail, requireToken } from './api.ts';
import { assetSessionRoutes, assetUploadRoutes } from './assets.ts';
import { controlRoutes } from './controls.ts';
import { d1Routes } from './d1.ts';
import { kvRoutes } from './kv.ts';
import { queueRoutes } from './queues.ts';
import { CloudflareState } from './state.ts';
import { workerSettingsRoutes } from './worker-settings.ts';
import { workerRoutes } from './workers.ts';

export function cloudflareApp(state: CloudflareState) {
  return (
    new Hono<CfEnv>()
      // Every API call is logged with its answer's status; the controls' own calls are not.
      .use('/client/v4/*', async (c, next) => {
        await next();
        const url = new URL(c.req.url);
        state.calls.push({
          method: c.req.method,
          path: url.pathname,
          query: url.search,
          status: c.res.status,
          account: /\/accounts\/([^/]+)/.exec(url.pathname)?.[1],
          unrouted: c.get('unrouted') === true,
          at: new Date().toISOString(),
        });
      })
      // A fault set through the controls answers in the API's shape before any route does (an outage mid-deploy).
      .use('/client/v4/*', async (c, next) => {
        const fault = state.takeFault(c.req.method, new URL(c.req.url).pathname);
        if (!fault) return next();
        return c.json(
          { success: false, errors: [{ code: fault.code, message: fault.message }], messages: [], result: null },
          fault.status as 500,
        );
      })
      .route('/client/v4', assetUploadRoutes(state))
      .use('/client/v4/*', requireToken(state))
      .route('/client/v4', accountRoutes)
      .route('/client/v4', workerRoutes)
      .route('/client/v4', workerSettingsRoutes)
      .route('/client/v4', assetSessionRoutes)
      .route('/client/v4', d1Routes)
      .route('/client/v4', kvRoutes)
      .route('/client/v4', queueRoutes)
      .all('/client/v4/*', (c) => {
        c.set('unrouted', true);
        return fail(c, 404, 7003, `Could not route to ${c.req.path}, perhaps your object identifier is invalid?`);
      })
      .route('/_sim/cloudflare', controlRoutes(state))
  );
}

export interface RunningCloudflareSimulator {
  url: string;
  /** What wrangler's CLOUDFLARE_API_BASE_URL should be. */
  apiBaseUrl: string;
  state: CloudflareState;
  close(): Promise<void>;
}

export function startCloudflareSimulator(port = 0, hostname = '127.0.0.1'): Promise<RunningCloudflareSimulator> {
  const state = new CloudflareState();
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: localHostsOnly(cloudflareApp(state).fetch), port, hostname }, (info: AddressInfo) => {
      const url = `http://${hostname}:${info.port}`;
      resolve({
        url,
        apiBaseUrl: `${url}/client/v4`,
        state,
        close: () =>
          new Promise<void>((done) => {
            state.reset();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}

if (import.meta.main) {
  const sim = await startCloudflareSimulator(Number(process.env.CF_SIM_PORT ?? 8792));
  if (!announceListening(sim.url))
    console.log(
      `[sim] Cloudflare API on ${sim.apiBaseUrl}; open an account: curl -XPOST ${sim.url}/_sim/cloudflare/accounts`,
    );
}
