// `Idempotency-Key` as Stripe honours it: the first answer to a key (4xx included) is replayed, and reusing
// the key for another request is refused.
import { onReset } from '../state.ts';

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

const answers = new Map<string, KeyedRequest & StoredAnswer>();

onReset(() => answers.clear());

/** The first answer given to `key`; 'conflict' when the key was first used for another request. */
export function previousAnswer(key: string, request: KeyedRequest): StoredAnswer | 'conflict' | undefined {
  const seen = answers.get(key);
  if (!seen) return undefined;
  if (seen.path !== request.path || seen.method !== request.method || seen.params !== request.params) return 'conflict';
  return seen;
}

export function rememberAnswer(key: string, request: KeyedRequest, answer: StoredAnswer): void {
  answers.set(key, { ...request, ...answer });
}
