// The platform's key list read as a stream (src/pool/json-array-stream.ts): whatever the chunk boundaries (inside a
// string, an escape, a multi-byte character, between braces), every element comes out as JSON.parse reads it, and a
// body that is not an array of objects is a named problem, not a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonArray } from '../../src/pool/json-array-stream.ts';

function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.slice(at, point));
    at = point;
  }
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function read(text: string, cuts: number[] = []) {
  const elements: unknown[] = [];
  const result = await readJsonArray(streamOf(new TextEncoder().encode(text), cuts), (element) => {
    elements.push(element);
    return null;
  });
  return { result, elements };
}

const element = fc.record({
  id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 }),
  label: fc.string({ unit: 'grapheme', maxLength: 30 }),
  enabled: fc.boolean(),
  trafficUsedMB: fc.double({ min: 0, max: 1e6, noNaN: true }),
  nested: fc.option(fc.record({ a: fc.array(fc.integer(), { maxLength: 3 }) }), { nil: null }),
});

describe('readJsonArray', () => {
  it('reads every element as JSON.parse would, wherever the chunks are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(element, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (list, cuts) => {
          const text = JSON.stringify(list, null, list.length % 2 ? 2 : undefined);
          const { result, elements } = await read(text, cuts);
          expect(result).toEqual({ ok: true, value: list.length });
          expect(elements).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names what is wrong with a body that is not an array of objects', async () => {
    expect((await read('{"keys": []}')).result).toEqual({ ok: false, problem: 'not an array' });
    expect((await read('[1, 2]')).result).toMatchObject({ ok: false, problem: 'element 0 is not an object' });
    expect((await read('[{"a": 1}')).result).toEqual({ ok: false, problem: 'the array never ends' });
    expect((await read('[{"a": 1}] x')).result).toEqual({ ok: false, problem: 'text after the array' });
    expect((await read('[{"a": nope}]')).result).toEqual({ ok: false, problem: 'element 0 is not JSON' });
  });

  it('stops at the first element the reader refuses', async () => {
    const seen: unknown[] = [];
    const result = await readJsonArray(streamOf(new TextEncoder().encode('[{"a":1},{"a":2},{"a":3}]'), [5]), (e) => {
      seen.push(e);
      return seen.length === 2 ? 'a: too big' : null;
    });
    expect(result).toEqual({ ok: false, problem: '[1]: a: too big' });
    expect(seen).toHaveLength(2);
  });
});
