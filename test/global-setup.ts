// Builds the SPA (the Worker renders its pages from dist/web through the ASSETS binding) and starts the simulators
// (Proxies.sx, Stripe, mail) once for the whole run, on a free loopback port.
import type { TestProject } from 'vitest/node';
import { startSimulators } from '../devkit/simulators.ts';
import { buildSpa } from '../devkit/spa-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    simUrl: string;
  }
}

export default async function setup(project: TestProject) {
  buildSpa();
  // The shop runs inside workerd and cannot be reached over HTTP: Stripe events are only recorded, and tests
  // post them with call(). Signed with the committed example secret, the one the tests' config uses.
  const sim = await startSimulators(0, {
    SIM_STRIPE_DELIVERY: 'record',
    STRIPE_WEBHOOK_SECRET: '',
    STRIPE_SECRET_KEY: '',
  });
  project.provide('simUrl', sim.url);
  return () => sim.stop();
}
