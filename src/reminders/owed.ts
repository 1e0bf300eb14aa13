// Which keys still owe a reminder, as SQL over a key row: the reminder due.ts would choose for it (the same
// thresholds, in the same order) and no row of `reminders` saying it was sent. The reminders job reads only these,
// so its pages track what is due, not the size of the shop; due.ts still decides each reminder from the row.
import { and, type SQL, sql } from 'drizzle-orm';
import { type poolKeys, reminders } from '../../schema.ts';
import { remindableSql } from '../customers/index.ts';
import { syncedSql } from '../keys/index.ts';
import { DAY_MS } from '../time.ts';
import type { Thresholds } from './due.ts';

/** A validated whole number written into the statement (thresholds, not input: no parameters spent on them). */
function literal(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  return sql.raw(String(n));
}

const kind = (name: string): SQL => {
  if (!/^[a-z_]+(:\d+)?$/.test(name)) throw new RangeError(`not a reminder kind: ${name}`);
  return sql.raw(`'${name}'`);
};

/** No reminder of `kindSql` about `basis` was sent for the key. */
function notSent(key: typeof poolKeys, kindSql: SQL, basis: SQL): SQL {
  return sql`not exists (select 1 from ${reminders} where ${reminders.keyId} = ${key.id} and ${reminders.kind} = ${kindSql} and ${reminders.basis} = ${basis} and ${reminders.sentAt} is not null)`;
}

/**
 * The key owes its customer a reminder at `now`: its usage or time reminder (as dueReminders picks them) is unsent,
 * the customer gets reminders, and the key is synced (a purchase on its way may change the cap or expiry).
 */
export function owesReminderSql(key: typeof poolKeys, thresholds: Thresholds, now: number): SQL {
  const capMb = sql`(${key.capGb} * 1024)`;
  const expired = sql`(${key.expiresAt} is not null and ${key.expiresAt} <= ${now})`;
  const atCap = sql`${key.usedMb} >= ${capMb}`;
  const percents = thresholds.usagePercents.map(
    (p) => sql` when ${key.usedMb} >= ${capMb} * ${literal(p)} / 100.0 then ${kind(`usage:${p}`)}`,
  );
  const usage = sql`(case when ${expired} then null when ${atCap} then 'cap'${sql.join(percents)} else null end)`;
  const days = [...thresholds.expiryDays]
    .reverse()
    .map((d) => sql` when ${key.expiresAt} - ${now} <= ${literal(d * DAY_MS)} then ${kind(`expiry:${d}`)}`);
  const time = sql`(case when ${key.expiresAt} is null or ${atCap} then null when ${expired} then 'expired_unused'${sql.join(days)} else null end)`;
  return and(
    sql`((${usage} is not null and ${notSent(key, usage, sql`${key.capGb}`)}) or (${time} is not null and ${notSent(key, time, sql`${key.expiresAt}`)}))`,
    remindableSql(key.customerId),
    syncedSql(key.customerId),
  ) as SQL;
}
