// The usage sweep in pages: the platform's readings cut into ranges of consecutive ids that cover every id, and one
// page compared with the D1 keys of its range (usage that moved recorded, vanished or switched keys marked owed),
// going on in a next page when the range holds more D1 keys than one message may read.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/index.ts';
import { type SweepPage, sweepPage, sweepPages } from '../../src/keys/index.ts';

const hexId = (n: number) => n.toString(16).padStart(24, '0');
const reading = (n: number, usedMB = 0, enabled = true) => ({ id: hexId(n), enabled, trafficUsedMB: usedMB });

describe('sweepPages', () => {
  it('cuts the readings into pages of consecutive ids that together cover every id', () => {
    const readings = Array.from({ length: 2500 }, (_, i) => reading(2500 - i));
    const pages = sweepPages(readings, 1000);
    expect(pages.map((p) => p.keys.length)).toEqual([1000, 1000, 500]);
    expect(pages[0]).toMatchObject({ after: null, upTo: hexId(1000) });
    expect(pages[1]).toMatchObject({ after: hexId(1000), upTo: hexId(2000) });
    expect(pages[2]).toMatchObject({ after: hexId(2000), upTo: null });
    expect(pages.flatMap((p) => p.keys.map((k) => k[0]))).toEqual(readings.map((r) => r.id).reverse());
  });

  it('is one page over every id when the platform lists nothing', () => {
    expect(sweepPages([], 1000)).toEqual([{ after: null, upTo: null, keys: [] }]);
  });
});

describe('sweepPage', () => {
  it('records usage that moved, marks owed what vanished or was switched, and goes on past its row limit', async () => {
    const db = openDb(env.DB);
    const now = Date.now();
    const keys = [
      ['moved', 10, 500],
      ['switched', 11, 0],
      ['vanished', 12, 0],
      ['quiet', 13, 100],
    ] as const;
    for (const [name, n, usedMb] of keys)
      await env.DB.batch([
        env.DB.prepare('insert into customers (id, email) values (?, ?)').bind(`cus_${name}`, `${name}@sweep.example`),
        env.DB.prepare(
          `insert into pool_keys (id, customer_id, generation, state, upstream_id, cap_gb, enabled, used_mb, created_at,
             updated_at) values (?, ?, 1, 'current', ?, 10, 1, ?, 0, 0)`,
        ).bind(`key_${name}`, `cus_${name}`, hexId(n), usedMb),
      ]);
    const page: SweepPage = {
      after: hexId(9),
      upTo: null,
      keys: [
        [hexId(10), 1, 900],
        [hexId(11), 0, 0],
        [hexId(13), 1, 50],
      ],
    };
    const services = { db, clock: { now: () => now } };
    const first = await sweepPage(services, page, 2);
    expect(first).toMatchObject({ recorded: 1, marked: 1 });
    expect(first.rest).toEqual({ after: hexId(11), upTo: null, keys: [[hexId(13), 1, 50]] });
    const second = await sweepPage(services, first.rest!, 2);
    expect(second).toEqual({ recorded: 0, marked: 1, rest: null });

    const used = await env.DB.prepare(
      "select id, used_mb, used_at from pool_keys where id like 'key_%' order by id",
    ).all();
    expect(used.results).toEqual([
      { id: 'key_moved', used_mb: 900, used_at: now },
      { id: 'key_quiet', used_mb: 100, used_at: null },
      { id: 'key_switched', used_mb: 0, used_at: null },
      { id: 'key_vanished', used_mb: 0, used_at: null },
    ]);
    const owed = await env.DB.prepare('select customer_id, state from key_syncs order by customer_id').all();
    expect(owed.results).toEqual([
      { customer_id: 'cus_switched', state: 'pending' },
      { customer_id: 'cus_vanished', state: 'pending' },
    ]);
    // The same page again changes nothing more (a redelivered message).
    expect(await sweepPage(services, first.rest!, 2)).toEqual({ recorded: 0, marked: 1, rest: null });
    expect(
      (await env.DB.prepare('select used_mb from pool_keys where id = ?').bind('key_moved').first())?.used_mb,
    ).toBe(900);
  });
});
