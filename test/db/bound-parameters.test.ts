// D1 binds at most 100 parameters per statement. A list of ids of any length is read in slices under it
// (src/db/chunks.ts), and the suite's guard (test/d1-limits.ts) fails any test whose statements pass it, even when
// the code that made the statement swallowed D1's refusal.
import { env } from 'cloudflare:test';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customers } from '../../schema.ts';
import { D1_MAX_BOUND_PARAMETERS } from '../../src/bounds.ts';
import { customersByIds } from '../../src/customers/index.ts';
import { chunksOf } from '../../src/db/chunks.ts';
import { openDb } from '../../src/db/index.ts';
import { takeBoundParameterViolations } from '../d1-limits.ts';

const ids = Array.from({ length: 250 }, (_, i) => `bp-${String(i).padStart(3, '0')}`);

describe('lists of ids', () => {
  it('reads 250 customers by id in slices, none over the limit', async () => {
    const db = openDb(env.DB);
    for (const slice of chunksOf(ids, 50))
      await db.insert(customers).values(slice.map((id) => ({ id, email: `${id}@example.com` })));
    const found = await customersByIds(db, [...ids, ...ids.slice(0, 10)]);
    expect(found.size).toBe(250);
    expect(found.get('bp-249')?.email).toBe('bp-249@example.com');
    expect(takeBoundParameterViolations()).toEqual([]);
  });

  it('chunksOf cuts a list into slices of at most the size, in order', () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunksOf([], 2)).toEqual([]);
    expect(() => chunksOf([1], 0)).toThrow(RangeError);
  });
});

describe('the suite-wide guard', () => {
  it('refuses a statement binding 101 parameters, and records it even when the caller swallows the refusal', async () => {
    const db = openDb(env.DB);
    const tooMany = ids.slice(0, D1_MAX_BOUND_PARAMETERS + 1);
    const swallowed = await db
      .select()
      .from(customers)
      .where(inArray(customers.id, tooMany))
      .then(
        () => 'answered',
        // drizzle wraps D1's refusal ("Failed query: …") with it as the cause.
        (err: Error) => String((err.cause as Error | undefined)?.message),
      );
    expect(swallowed).toMatch(/too many SQL variables/);
    // The afterEach of test/setup.ts fails a test that leaves this non-empty; this test takes it to look at it.
    expect(takeBoundParameterViolations()).toEqual([expect.stringMatching(/^101 bound parameters: select/)]);
    const exactly = await db
      .select()
      .from(customers)
      .where(inArray(customers.id, ids.slice(0, D1_MAX_BOUND_PARAMETERS)));
    expect(exactly).toHaveLength(D1_MAX_BOUND_PARAMETERS);
  });
});
