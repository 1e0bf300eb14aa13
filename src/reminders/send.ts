// The cron's reminders: every current key is checked against the thresholds from D1 alone (the usage sweep that ran
// just before read every key in one platform call), so a key with nothing to remind costs nothing upstream. Each
// reminder is claimed in D1 before it is queued: exactly once per key generation, kind and cap or expiry, however
// many cron runs overlap.

import type { Tier } from '../config/index.ts';
import { customersByIds } from '../customers/index.ts';
import { liveUpstreamKeys, type PoolKeyRow, syncsOf } from '../keys/index.ts';
import { lastPurchasedTierId } from '../orders/index.ts';
import type { Services } from '../services/index.ts';
import { mbToGb } from '../shared/format.ts';
import { type DueReminder, dueReminders } from './due.ts';
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
  email: string,
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
      reminderId: `${ref.keyId}:${ref.kind}:${ref.basis}`,
      to: email,
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

/** Queues the reminders that are due; returns how many. */
export async function sendDueReminders(services: ReminderServices, now: number): Promise<number> {
  const { db, config } = services;
  const keys = (await liveUpstreamKeys(db)).filter((k) => k.state === 'current' && !k.upstreamDisabledAt);
  const due = keys.flatMap((key) => {
    const reminders = dueReminders(key, config.reminders, now);
    return reminders.length ? [{ key, reminders }] : [];
  });
  if (due.length === 0) return 0;
  const ids = due.map((d) => d.key.customerId);
  const [customers, syncs] = await Promise.all([customersByIds(db, ids), syncsOf(db, ids)]);
  let sent = 0;
  for (const { key, reminders } of due) {
    const customer = customers.get(key.customerId);
    // A purchase on its way may change the cap or expiry: remind once the key matches what was paid for.
    if (!customer || customer.suspendedAt || customer.remindersOffAt || syncs.get(key.customerId)?.state !== 'synced')
      continue;
    const buyUrl = async () => {
      const tier = buyMoreTier(config.tiers, await lastPurchasedTierId(db, key.customerId));
      return `${config.publicUrl}/checkout/${tier?.id ?? ''}`;
    };
    for (const reminder of reminders) if (await sendOne(services, key, customer.email, reminder, now, buyUrl)) sent++;
  }
  return sent;
}
