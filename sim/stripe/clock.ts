// Stripe's clock (unix seconds) and the simulator's scheduled work (delivery retries, settlements the hosted
// page promises "later"), which `POST /_sim/reset` cancels.
import { onReset } from '../state.ts';

const timers = new Set<ReturnType<typeof setTimeout>>();

onReset(() => {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
});

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function later(ms: number, task: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    task();
  }, ms);
  timers.add(timer);
}
