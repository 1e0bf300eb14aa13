// The reminders job reads only the keys that still owe a reminder (src/reminders/owed.ts, in SQL) and then decides
// each reminder from the row (src/reminders/due.ts). The two must agree: for any key, usage, expiry and set of
// reminders already sent, the query selects the key exactly when due.ts has a reminder for it that was not sent.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { chunksOf } from '../../src/db/chunks.ts';
import { openDb } from '../../src/db/index.ts';
import { currentKeysOwing } from '../../src/keys/index.ts';
import { dueReminders, type Thresholds } from '../../src/reminders/due.ts';
import { owesReminderSql } from '../../src/reminders/owed.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);

const keyArbitrary = fc.record({
  capGb: fc.constantFrom(1, 10, 50, 1000),
  /** Thousandths of the cap used: under, at and over every threshold. */
  usedPermille: fc.oneof(fc.integer({ min: 0, max: 1100 }), fc.constantFrom(799, 800, 801, 949, 950, 999, 1000)),
  /** Expiry relative to now, hours: far, near each threshold, just past, long past, or none. */
  expiresInHours: fc.option(
    fc.oneof(fc.integer({ min: -400, max: 400 }), fc.constantFrom(-1, 0, 1, 24, 25, 168, 169)),
    {
      nil: null,
    },
  ),
  /** Which of its due reminders were already sent. */
  sentMask: fc.integer({ min: 0, max: 3 }),
});

const thresholdsArbitrary = fc.record({
  usagePercents: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 }),
  expiryDays: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 3 }),
});

let run = 0;

it('selects a key exactly when due.ts has an unsent reminder for it', async () => {
  const db = openDb(env.DB);
  await fc.assert(
    fc.asyncProperty(fc.array(keyArbitrary, { minLength: 1, maxLength: 30 }), thresholdsArbitrary, async (keys, t) => {
      const thresholds: Thresholds = {
        usagePercents: [...t.usagePercents].sort((a, b) => b - a),
        expiryDays: [...t.expiryDays].sort((a, b) => b - a),
      };
      run++;
      const rows = keys.map((k, i) => ({
        id: `key_owed_${run}_${String(i).padStart(3, '0')}`,
        customerId: `cus_owed_${run}_${i}`,
        capGb: k.capGb,
        usedMb: (k.capGb * 1024 * k.usedPermille) / 1000,
        expiresAt: k.expiresInHours === null ? null : NOW + k.expiresInHours * 3_600_000,
        sentMask: k.sentMask,
      }));
      const expected: string[] = [];
      const statements: D1PreparedStatement[] = [];
      for (const row of rows) {
        statements.push(
          env.DB.prepare('insert into customers (id, email) values (?, ?)').bind(
            row.customerId,
            `${row.customerId}@x.y`,
          ),
          env.DB.prepare(
            `insert into pool_keys (id, customer_id, generation, state, upstream_id, cap_gb, expires_at, enabled,
               used_mb, created_at, updated_at) values (?, ?, 1, 'current', ?, ?, ?, 1, ?, 0, 0)`,
          ).bind(row.id, row.customerId, row.id, row.capGb, row.expiresAt, row.usedMb),
          env.DB.prepare("insert into key_syncs (customer_id, state, demand) values (?, 'synced', 0)").bind(
            row.customerId,
          ),
        );
        const due = dueReminders(row, thresholds, NOW);
        // Each due reminder is sent already when its bit of the mask is set.
        const unsent = due.filter((d, i) => {
          if (((row.sentMask >> i) & 1) === 0) return true;
          statements.push(
            env.DB.prepare(
              'insert into reminders (key_id, kind, basis, customer_id, claimed_at, sent_at) values (?, ?, ?, ?, 0, 0)',
            ).bind(row.id, d.kind, d.basis, row.customerId),
          );
          return false;
        });
        if (unsent.length) expected.push(row.id);
      }
      for (const slice of chunksOf(statements, 50)) await env.DB.batch(slice);
      const selected = await currentKeysOwing(db, (key) => owesReminderSql(key, thresholds, NOW), {
        after: `key_owed_${run}_`,
        limit: 1000,
      });
      expect(selected.map((k) => k.id).filter((id) => id.startsWith(`key_owed_${run}_`))).toEqual(expected);
    }),
    { numRuns: 60 },
  );
});

it('leaves out keys of customers who turned reminders off, are suspended, or whose keys owe a reconcile', async () => {
  const thresholds: Thresholds = { usagePercents: [95, 80], expiryDays: [7, 1] };
  const db = openDb(env.DB);
  const cases = [
    ['ok', 'null', 'null', 'synced'],
    ['off', 'null', '1', 'synced'],
    ['suspended', '1', 'null', 'synced'],
    ['pending', 'null', 'null', 'pending'],
  ] as const;
  for (const [name, suspended, off, sync] of cases)
    await env.DB.batch([
      env.DB.prepare(
        `insert into customers (id, email, suspended_at, reminders_off_at) values (?, ?, ${suspended}, ${off})`,
      ).bind(`cus_filter_${name}`, `${name}@filter.example`),
      env.DB.prepare(
        `insert into pool_keys (id, customer_id, generation, state, upstream_id, cap_gb, expires_at, enabled, used_mb,
           created_at, updated_at) values (?, ?, 1, 'current', ?, 10, ?, 1, ?, 0, 0)`,
      ).bind(`key_filter_${name}`, `cus_filter_${name}`, `key_filter_${name}`, NOW + 20 * DAY, 9 * 1024),
      env.DB.prepare('insert into key_syncs (customer_id, state, demand) values (?, ?, 0)').bind(
        `cus_filter_${name}`,
        sync,
      ),
    ]);
  const selected = await currentKeysOwing(db, (key) => owesReminderSql(key, thresholds, NOW), {
    after: 'key_filter_',
    limit: 10,
  });
  expect(selected.map((k) => k.id).filter((id) => id.startsWith('key_filter_'))).toEqual(['key_filter_ok']);
});
