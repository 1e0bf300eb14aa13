// When and how soon a Stripe call is tried again, as Stripe advises (docs.stripe.com/error-low-level) and stripe-node
// does: no answer (network, timeout), 409 (a lock or an idempotency key in use), 429 and 5xx are retried unless
// Stripe's `Stripe-Should-Retry` header says otherwise, and it can also ask for a retry of any answer. One difference:
// stripe-node retries a 429 only when that header says so; we follow Stripe's rate-limit advice to back off and retry.

/** What came back from one attempt: Stripe's status and headers, or null when nothing did. */
export type AttemptAnswer = { status: number; headers: Headers } | null;

export function shouldRetry(answer: AttemptAnswer): boolean {
  if (!answer) return true;
  const advice = answer.headers.get('stripe-should-retry');
  if (advice === 'false') return false;
  if (advice === 'true') return true;
  return answer.status === 409 || answer.status === 429 || answer.status >= 500;
}

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;

/** stripe-node's backoff: 0.5 s doubling per retry up to 5 s, with jitter down to half, never under 0.5 s. */
export function retryDelayMs(retriesSoFar: number): number {
  const ceiling = Math.min(INITIAL_DELAY_MS * 2 ** (retriesSoFar - 1), MAX_DELAY_MS);
  return Math.max(INITIAL_DELAY_MS, ceiling * 0.5 * (1 + Math.random()));
}
