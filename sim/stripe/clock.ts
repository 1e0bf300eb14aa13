// Stripe's clock (unix seconds), which a test can move forward (`POST /_sim/stripe/clock`) to reach what Stripe does
// after hours or days (idempotency keys forgotten after 24 h, sessions expiring), and the simulator's scheduled work
// (delivery retries, settlements the hosted page promises "later"), which `POST /_sim/reset` cancels.
import { onReset } from '../state.ts';

const timers = new Set<ReturnType<typeof setTimeout>>();
let offsetMs = 0;
/** Work that falls due when the clock moves (sessions reaching their expires_at). */
const onTick: (() => void)[] = [];

onReset(() => {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  offsetMs = 0;
});

export const nowMs = () => Date.now() + offsetMs;
export const nowSeconds = () => Math.floor(nowMs() / 1000);

/** Registers work to run whenever the clock moves or a request arrives (what is due is done then). */
export function whenTimePasses(task: () => void): void {
  onTick.push(task);
}

/** Does whatever fell due by now. */
export function catchUp(): void {
  for (const task of onTick) task();
}

/** Moves Stripe's clock forward by `ms` and does what fell due. */
export function advanceClock(ms: number): number {
  offsetMs += Math.max(0, ms);
  catchUp();
  return offsetMs;
}

export function later(ms: number, task: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    task();
  }, ms);
  timers.add(timer);
}
