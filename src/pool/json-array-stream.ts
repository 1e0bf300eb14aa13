// A JSON array read element by element as its bytes arrive: the platform's key list is one bare array of every key
// (docs/UPSTREAM.md: no pagination), tens of MB for a big reseller. Each element (a flat object) is parsed on its own
// and handed over, so neither the whole text nor the whole parsed array is ever held (Workers give an isolate 128 MB).
import type { Parsed } from './transport.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Reads `body` as a JSON array, calling `each` with every element parsed; `each` answers a problem to stop with (a
 * wrong shape), or null. Answers how many elements were read, or the first problem.
 */
export async function readJsonArray(
  body: ReadableStream<Uint8Array>,
  each: (element: unknown) => string | null,
): Promise<Parsed<number>> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let depth = 0;
  let inString = false;
  let escaped = false;
  let closed = false;
  /** The current element's text from earlier chunks. */
  let carried = '';
  let count = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = decoder.decode(value, { stream: true });
    let start = depth > 1 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (closed) {
        if (!isSpace(c)) return { ok: false, problem: 'text after the array' };
        continue;
      }
      if (depth === 0) {
        if (c === OPEN_ARRAY) depth = 1;
        else if (!isSpace(c)) return { ok: false, problem: 'not an array' };
        continue;
      }
      if (depth === 1) {
        if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
          depth = 2;
          start = i;
        } else if (c === CLOSE_ARRAY) closed = true;
        else if (!isSpace(c) && c !== 44) return { ok: false, problem: `element ${count} is not an object` };
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (depth === 1) {
          const text = carried + chunk.slice(start, i + 1);
          carried = '';
          start = -1;
          let element: unknown;
          try {
            element = JSON.parse(text);
          } catch {
            return { ok: false, problem: `element ${count} is not JSON` };
          }
          const problem = each(element);
          if (problem) return { ok: false, problem: `[${count}]: ${problem}` };
          count++;
        }
      }
    }
    if (depth > 1) carried += chunk.slice(start);
  }
  return closed ? { ok: true, value: count } : { ok: false, problem: 'the array never ends' };
}
