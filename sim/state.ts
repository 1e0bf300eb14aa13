// Shared simulator bookkeeping: the log of calls it received and the hooks that reset each simulator.
import type { SimCall } from '../devkit/sim-controls.ts';

const calls: SimCall[] = [];
const resetters: (() => void)[] = [];

export function recordCall(method: string, path: string): void {
  calls.push({ method, path, at: new Date().toISOString() });
  if (calls.length > 10_000) calls.splice(0, calls.length - 10_000);
}

export function listCalls(): SimCall[] {
  return calls;
}

/** Each simulator registers how to forget its state; `POST /_sim/reset` runs them all. */
export function onReset(reset: () => void): void {
  resetters.push(reset);
}

export function resetAll(): void {
  calls.length = 0;
  for (const reset of resetters) reset();
}
