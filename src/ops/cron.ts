// The cron trigger's jobs. Each runs on its own: one failing never keeps the others from running. Reminders and
// auto top-up run after billing, whose usage sweep they read (from D1: they call nothing upstream).
import { runBillingCron } from '../billing/index.ts';
import { runAutoTopUps } from '../refill/index.ts';
import { sendDueReminders } from '../reminders/index.ts';
import type { Services } from '../services/index.ts';
import { runRetention } from './retention.ts';

type Job = [string, () => Promise<unknown>];

async function run(services: Services, [name, job]: Job): Promise<void> {
  try {
    const result = await job();
    if (result !== undefined) services.log.info('cron job done', { job: name, result });
  } catch (err) {
    services.log.error('cron job failed', { job: name, err });
  }
}

export async function runScheduledJobs(services: Services, scheduledTime: number): Promise<void> {
  const afterBilling: Job[] = [
    ['reminders', () => sendDueReminders(services, scheduledTime)],
    ['auto top-up', () => runAutoTopUps(services, scheduledTime)],
  ];
  await Promise.all([
    (async () => {
      await run(services, ['billing', () => runBillingCron(services, scheduledTime)]);
      for (const job of afterBilling) await run(services, job);
    })(),
    run(services, ['retention', () => runRetention(services.db, scheduledTime)]),
  ]);
}
