// Every job the cron trigger runs, each a named unit with its own entry: `run(services, at)` does its work as of the
// instant `at` (the cron's scheduled time), alone, and is safe to run twice or concurrently.
import { ConfigError } from '../config/index.ts';
import { markRetirementsOwed, reconcileDueCustomers } from '../fulfilment/index.ts';
import { sweepUsage } from '../keys/index.ts';
import { runRetention } from '../ops/retention.ts';
import { sendMissingReceipts } from '../orders/index.ts';
import { runAutoTopUps } from '../refill/index.ts';
import { sendDueReminders } from '../reminders/index.ts';
import type { Services } from '../services/index.ts';

type Run = (services: Services, at: number) => Promise<unknown>;

/** A broken config fails the job outright, rather than being recorded as every due key's upstream failure. */
const withValidConfig =
  (run: Run): Run =>
  async (services, at) => {
    if (services.configProblems.length) throw new ConfigError(services.configProblems);
    return run(services, at);
  };

export const JOBS = {
  /** Every working key's usage in one platform call; marks owed the keys that vanished or were switched on or off. */
  'usage-sweep': withValidConfig((services) => sweepUsage(services)),
  /** Marks owed the customers with a rollover retirement step due (a grace ended, usage settled, a key to delete). */
  retirements: withValidConfig((services, at) => markRetirementsOwed(services, at)),
  /** Reconciles every customer owed a reconcile and due (a purchase made while the platform was down, a retirement). */
  reconcile: withValidConfig((services, at) => reconcileDueCustomers(services, at)),
  /** Queues the receipts a crash kept from being queued. */
  receipts: withValidConfig((services, at) => sendMissingReceipts(services, at)),
  /** Usage and expiry reminders, from D1 alone (the usage sweep read the platform). */
  reminders: (services, at) => sendDueReminders(services, at),
  /** Off-session charges of the customers whose auto top-up is due, from D1 alone. */
  'auto-top-up': (services, at) => runAutoTopUps(services, at),
  /** Forgets rows that no longer serve anyone (needs D1 alone, so it runs with a broken config too). */
  retention: (services, at) => runRetention(services.db, at),
} satisfies Record<string, Run>;

export type JobName = keyof typeof JOBS;
