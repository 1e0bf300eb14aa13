// Short-lived copies (per isolate) of the platform's answers about one key, shared by every request for that key: a
// dashboard left open in several tabs costs the platform one call per key per window, not one per tab per poll.
// Concurrent misses share one call; a failed call is not kept. Keys are the customer's own key id (from D1, never
// from the client), so one customer's copy can never answer another's request.
import type { SessionsAnswer, UsageAnswer } from '../shared/dashboard.ts';

export interface RecentAnswers<T> {
  /** The answer for `key` if one was asked for less than the window ago, else `load()` (kept for the window). */
  get(key: string, now: number, load: () => Promise<T>): Promise<T>;
  /** Drops the copy for `key` (after the shop changed what it describes). */
  forget(key: string): void;
}

/** A bound on memory: past it the copies are dropped and built again on demand. */
const MAX_KEYS = 1000;

export function recentAnswers<T>(freshMs: number): RecentAnswers<T> {
  const kept = new Map<string, { answer: Promise<T>; at: number }>();
  return {
    get(key, now, load) {
      const copy = kept.get(key);
      if (copy && now - copy.at < freshMs) return copy.answer;
      if (kept.size >= MAX_KEYS) kept.clear();
      const entry = { answer: load(), at: now };
      kept.set(key, entry);
      entry.answer.catch(() => {
        if (kept.get(key) === entry) kept.delete(key);
      });
      return entry.answer;
    },
    forget(key) {
      kept.delete(key);
    },
  };
}

/** How long one platform answer about a key's open sessions, and about its daily usage, is reused. */
export const SESSIONS_FRESH_MS = 10_000;
export const USAGE_FRESH_MS = 60_000;

/** By key id; dropped whenever the shop closes sessions of the key (closing them, rotating the key). */
export const sessionsOfKey = recentAnswers<SessionsAnswer>(SESSIONS_FRESH_MS);
/** By `${key id}:${days}`. */
export const usageOfKey = recentAnswers<UsageAnswer>(USAGE_FRESH_MS);
