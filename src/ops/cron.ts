// The cron trigger's jobs. Each runs on its own: one failing never keeps the others from running.
import { runBillingCron } from '../billing/index.ts';
import type { Services } from '../services/index.ts';
import { runRetention } from './retention.ts';

export async function runScheduledJobs(services: Services, scheduledTime: number): Promise<void> {
  const jobs: [string, () => Promise<unknown>][] = [
    ['billing', () => runBillingCron(services, scheduledTime)],
    ['retention', () => runRetention(services.db, scheduledTime)],
  ];
  await Promise.all(
    jobs.map(async ([name, job]) => {
      try {
        const result = await job();
        if (result !== undefined) services.log.info('cron job done', { job: name, result });
      } catch (err) {
        services.log.error('cron job failed', { job: name, err });
      }
    }),
  );
}
