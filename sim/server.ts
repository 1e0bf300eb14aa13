// Serves the simulators over real HTTP: `npm run sim` (127.0.0.1:8790) and the test suite (a free port).

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { simApp } from './app.ts';

export interface RunningSimulator {
  url: string;
  close(): Promise<void>;
}

export function startSimulator(port = 8790, hostname = '127.0.0.1'): Promise<RunningSimulator> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: simApp.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}

if (import.meta.main) {
  const sim = await startSimulator(Number(process.env.SIM_PORT ?? 8790));
  console.log(`[sim] simulators on ${sim.url} (Proxies.sx /v1, Stripe /v1 + /stripe/checkout, outbox /_sim/outbox)`);
}
