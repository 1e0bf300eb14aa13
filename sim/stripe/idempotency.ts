// `Idempotency-Key` as Stripe honours it (docs.stripe.com/api/idempotent_requests): the first answer to a key (4xx
// included) is replayed and reusing the key for another request is refused, but only "after endpoint execution
// begins" (a request refused by parameter validation stores nothing), and keys "are removed from the system
// automatically after they're at least 24 hours old": past that, the same key makes a new request.
import { onReset } from '../state.ts';
import { nowMs } from './clock.ts';

export interface KeyedRequest {
  method: string;
  path: string;
  /** The decoded parameters, serialised: a retry must send the same ones. */
  params: string;
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** How long Stripe keeps a key (at least 24 h; the simulator forgets it at exactly 24 h of its clock). */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

const answers = new Map<string, KeyedRequest & StoredAnswer & { at: number }>();

onReset(() => answers.clear());

/** The first answer given to `key`; 'conflict' when the key was first used for another request. */
export function previousAnswer(key: string, request: KeyedRequest): StoredAnswer | 'conflict' | undefined {
  const seen = answers.get(key);
  if (!seen) return undefined;
  if (nowMs() - seen.at >= KEY_LIFETIME_MS) {
    answers.delete(key);
    return undefined;
  }
  if (seen.path !== request.path || seen.method !== request.method || seen.params !== request.params) return 'conflict';
  return seen;
}

export function rememberAnswer(key: string, request: KeyedRequest, answer: StoredAnswer): void {
  answers.set(key, { ...request, ...answer, at: nowMs() });
}
