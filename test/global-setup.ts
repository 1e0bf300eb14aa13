// Starts the simulators (Proxies.sx, Stripe, mail) once for the whole run, on a free loopback port.
import type { TestProject } from 'vitest/node';
import { startSimulator } from '../sim/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    simUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const sim = await startSimulator(0);
  project.provide('simUrl', sim.url);
  return () => sim.close();
}
