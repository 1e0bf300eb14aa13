// Serves the simulators over real HTTP: `npm run sim` (127.0.0.1:8790), `npm run dev` and the test suite (a free
// port), each started as a program of its own (devkit/simulators.ts).

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { announceListening } from '../devkit/simulators.ts';
import { simApp } from './app.ts';
import { localHostsOnly } from './local-hosts.ts';

export interface RunningSimulator {
  url: string;
  close(): Promise<void>;
}

export function startSimulator(port = 8790, hostname = '127.0.0.1'): Promise<RunningSimulator> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: localHostsOnly(simApp.fetch), port, hostname }, (info: AddressInfo) => {
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
  if (!announceListening(sim.url))
    console.log(`[sim] simulators on ${sim.url} (Proxies.sx /v1, Stripe /v1 + /stripe/checkout, outbox /_sim/outbox)`);
}
