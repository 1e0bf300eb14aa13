// The cron's reminders, a page at a time: the keys that still owe one (owed.ts), read from D1 alone (the usage sweep
// that ran just before read every key in one platform call), so a key with nothing to remind costs nothing, upstream
// or here. Each reminder is claimed in D1 before it is queued: exactly once per key generation, kind and cap or
// expiry, however many cron runs or redelivered messages overlap.

import type { Tier } from '../config/index.ts';
import { type Customer, customerLocale, customersByIds } from '../customers/index.ts';
import { currentKeysOwing, type PoolKeyRow } from '../keys/index.ts';
import { lastPurchasedTierId } from '../orders/index.ts';
import type { Services } from '../services/index.ts';
import { mbToGb } from '../shared/format.ts';
import { type DueReminder, dueReminders } from './due.ts';
import { owesReminderSql } from './owed.ts';
import { claimReminder, markReminderSent, type ReminderRef, releaseReminder } from './store.ts';
import { unsubscribeLinks } from './unsubscribe.ts';

type ReminderServices = Pick<Services, 'db' | 'config' | 'mail' | 'log'>;

/** The checkout a "Buy more" lands on: the tier they last bought while it is on sale, else the highlighted one. */
export function buyMoreTier(tiers: readonly Tier[], lastTierId: string | undefined): Tier | undefined {
  return tiers.find((t) => t.id === lastTierId) ?? tiers.find((t) => t.highlight) ?? tiers[0];
}

async function sendOne(
  services: ReminderServices,
  key: PoolKeyRow,
  customer: Pick<Customer, 'email' | 'locale'>,
  due: DueReminder,
  now: number,
  buyUrl: () => Promise<string>,
): Promise<boolean> {
  const { db, config, mail, log } = services;
  const ref: ReminderRef = { keyId: key.id, kind: due.kind, basis: due.basis };
  if (!(await claimReminder(db, ref, key.customerId, now))) return false;
  try {
    const unsubscribe = await unsubscribeLinks(config, key.customerId);
    await mail.enqueue({
      kind: 'reminder',
      locale: customerLocale(customer),
      reminderId: `${ref.keyId}:${ref.kind}:${ref.basis}`,
      to: customer.email,
      reminder: due.reminder,
      threshold: due.threshold,
      usedGb: Math.round(mbToGb(key.usedMb) * 100) / 100,
      capGb: key.capGb ?? 0,
      expiresAt: key.expiresAt,
      buyUrl: await buyUrl(),
      unsubscribeUrl: unsubscribe.oneClick,
      unsubscribePageUrl: unsubscribe.page,
    });
  } catch (err) {
    log.error('reminder not queued; the next cron run tries again', { keyId: key.id, kind: due.kind, err });
    await releaseReminder(db, ref);
    return false;
  }
  await markReminderSent(db, ref, now);
  return true;
}

/**
 * Queues the reminders due at `now` of one page of keys (`page.limit` keys that still owe one, after key id
 * `page.after`); returns how many were queued and where the next page starts (null: this was the last).
 */
export async function sendDueReminders(
  services: ReminderServices,
  now: number,
  page: { after: string | null; limit: number },
): Promise<{ sent: number; next: string | null }> {
  const { db, config } = services;
  const keys = await currentKeysOwing(db, (key) => owesReminderSql(key, config.reminders, now), page);
  const next = keys.length === page.limit ? (keys.at(-1)?.id ?? null) : null;
  const customers = await customersByIds(
    db,
    keys.map((k) => k.customerId),
  );
  let sent = 0;
  for (const key of keys) {
    const customer = customers.get(key.customerId);
    if (!customer || customer.suspendedAt || customer.remindersOffAt) continue;
    const buyUrl = async () => {
      const tier = buyMoreTier(config.tiers, await lastPurchasedTierId(db, key.customerId));
      return `${config.publicUrl}/checkout/${tier?.id ?? ''}`;
    };
    for (const reminder of dueReminders(key, config.reminders, now))
      if (await sendOne(services, key, customer, reminder, now, buyUrl)) sent++;
  }
  return { sent, next };
}
