// The cron trigger's jobs. Each runs on its own: one failing never keeps the others from running.
import { runBillingCron } from '../billing/index.ts';
import { openDb } from '../db/index.ts';
import { createLogger } from '../log.ts';
import { runRetention } from './retention.ts';

export async function runScheduledJobs(env: Env, scheduledTime: number): Promise<void> {
  const log = createLogger({ cron: new Date(scheduledTime).toISOString() });
  const jobs: [string, () => Promise<unknown>][] = [
    ['billing', () => runBillingCron(env, scheduledTime)],
    ['retention', () => runRetention(openDb(env.DB), scheduledTime)],
  ];
  await Promise.all(
    jobs.map(async ([name, job]) => {
      try {
        const result = await job();
        if (result !== undefined) log.info('cron job done', { job: name, result });
      } catch (err) {
        log.error('cron job failed', { job: name, err });
      }
    }),
  );
}
