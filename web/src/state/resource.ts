// The SPA's one way to load data and send actions: a request's answer, failure and progress as signals. A model in
// state/ holds one at module level; a component owns one with useResource (loaded on mount and when its key
// changes) or useAction (sent on demand). Polling composes: useVisibleInterval(model.run, ms).
import { type ReadonlySignal, signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';

/** What a view reads of a request, and how it asks again. */
export interface Loadable<T> {
  /** The last answer: kept while a newer request runs and after one fails; undefined before the first. */
  readonly data: ReadonlySignal<T | undefined>;
  /** Why the last request failed; null while a new one runs and once one succeeds. */
  readonly error: ReadonlySignal<Error | null>;
  readonly loading: ReadonlySignal<boolean>;
  run(): Promise<T | undefined>;
}

export interface Resource<T, A extends unknown[] = []> extends Loadable<T> {
  /** When the last answer arrived (unix ms; 0 before the first). */
  readonly at: ReadonlySignal<number>;
  /** Sends the request. Only the newest one counts: resolves to its answer, or undefined if it failed or was overtaken. */
  run(...args: A): Promise<T | undefined>;
  /** Puts an answer in place that the page learnt otherwise (a rotation's new mask, a sign-out, the answer the page
   * was rendered from, read `at`); a request still in flight no longer counts. */
  set(value: T | undefined, at?: number): void;
}

export function resource<T, A extends unknown[] = []>(load: (...args: A) => Promise<T>): Resource<T, A> {
  const data = signal<T | undefined>(undefined);
  const error = signal<Error | null>(null);
  const loading = signal(false);
  const at = signal(0);
  let newest = 0;
  return {
    data,
    error,
    loading,
    at,
    async run(...args: A) {
      const ticket = ++newest;
      loading.value = true;
      error.value = null;
      try {
        const value = await load(...args);
        if (ticket !== newest) return undefined;
        data.value = value;
        at.value = Date.now();
        return value;
      } catch (err) {
        if (ticket === newest) error.value = err instanceof Error ? err : new Error(String(err));
        return undefined;
      } finally {
        if (ticket === newest) loading.value = false;
      }
    },
    set(value, when) {
      newest++;
      data.value = value;
      if (when !== undefined) at.value = when;
      error.value = null;
      loading.value = false;
    },
  };
}

/** A request owned by a component and sent when it says so (a form, a confirmed action); the newest `send` is used. */
export function useAction<T, A extends unknown[] = []>(send: (...args: A) => Promise<T>): Resource<T, A> {
  const latest = useRef(send);
  latest.current = send;
  return useState(() => resource<T, A>((...args) => latest.current(...args)))[0];
}

/** A request owned by a component, sent on mount and again whenever `key` changes; `load` receives the key, and
 * `run()` sends it again for the current key. */
export function useResource<T>(load: () => Promise<T>): Resource<T>;
export function useResource<T, K>(load: (key: K) => Promise<T>, key: K): Resource<T>;
export function useResource<T, K>(load: (key?: K) => Promise<T>, key?: K): Resource<T> {
  const current = useRef(key);
  const owned = useAction(() => load(current.current));
  useEffect(() => {
    current.current = key;
    void owned.run();
  }, [owned, key]);
  return owned;
}
