// The one place the shop reads the wall clock. Domain code takes time from `services.clock`, so a test (or a cron
// run deciding by its scheduled time) can move it without rewriting rows.

export interface Clock {
  /** Unix ms. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that reads `at` now and runs on from there: a cron run decides what is due by its scheduled time. */
export function clockFrom(at: number): Clock {
  const offset = at - Date.now();
  return { now: () => Date.now() + offset };
}
