// The rate-limit bindings count per fixed window of the wall clock: tests that send a burst start it at a window's
// start.

/** The period of every `[[ratelimits]]` binding in wrangler.toml. */
const RATE_LIMIT_PERIOD_MS = 60_000;
/** Longer than any burst a test sends against one limiter. */
const BURST_ROOM_MS = 10_000;

/**
 * Rate-limit windows are aligned to the wall clock (miniflare, like Cloudflare, counts per fixed minute), so a burst
 * that straddles a minute boundary is counted in two windows. Before a test sends one, wait for the next window when
 * this one is nearly over; the test's assertions then see one window, whatever the clock says.
 */
export async function startOfRateLimitWindow(): Promise<void> {
  const left = RATE_LIMIT_PERIOD_MS - (Date.now() % RATE_LIMIT_PERIOD_MS);
  if (left < BURST_ROOM_MS) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/**
 * The timeout of a hook or test that calls `startOfRateLimitWindow`: its wait (up to BURST_ROOM_MS) is longer than
 * vitest's default test timeout (5 s) and as long as its hook timeout (10 s), and the burst after it still needs time
 * on a loaded machine.
 */
export const RATE_LIMIT_WAIT_TIMEOUT_MS = BURST_ROOM_MS + 15_000;
