// Waiting on a condition instead of a fixed sleep: ask again until the answer is there or the time is up. Pure (no
// Node or Worker API), so the tests inside workerd wait the same way as the tools in Node.

export interface WaitOptions {
  /** How long to keep asking, ms (default 10 s). */
  timeoutMs?: number;
  /** The pause between two asks, ms (default 25). */
  intervalMs?: number;
  /** What is awaited, for the error when it never comes. */
  what?: string;
}

type Awaitable<T> = T | Promise<T>;

/**
 * The first value of `read()` that `done` accepts, asked every `intervalMs`; throws once `timeoutMs` has passed,
 * naming `what` and the last value seen.
 */
export async function until<T>(
  read: () => Awaitable<T>,
  done: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 25, what = 'the condition' }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms (last: ${shown(value)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The first answer of `find()` that is there (not undefined, null or false), asked as `until` asks. */
export async function waitFor<T>(
  find: () => Awaitable<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  return (await until(find, (value) => value !== undefined && value !== null && value !== false, options)) as T;
}

function shown(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}
