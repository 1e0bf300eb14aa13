// The cron trigger's plan: which named jobs it runs, in which order. A chain's jobs run one after another (a later
// one reads what an earlier one wrote: reminders and auto top-up read the usage the sweep recorded, and remind only
// keys the reconcile has synced); chains run side by side. Each job runs on its own: one failing never keeps the
// others from running.
import type { Services } from '../services/index.ts';
import { JOBS, type JobName } from './registry.ts';

export const CRON_PLAN: readonly (readonly JobName[])[] = [
  ['usage-sweep', 'retirements', 'reconcile', 'receipts', 'reminders', 'auto-top-up'],
  ['retention'],
];

/** Runs one job as of `at`, logging how it ended; never throws. */
export async function runJob(services: Services, name: JobName, at: number): Promise<void> {
  try {
    const result = await JOBS[name](services, at);
    if (result !== undefined) services.log.info('cron job done', { job: name, result });
  } catch (err) {
    services.log.error('cron job failed', { job: name, err });
  }
}

export async function runScheduledJobs(services: Services, scheduledTime: number): Promise<void> {
  await Promise.all(
    CRON_PLAN.map(async (chain) => {
      for (const name of chain) await runJob(services, name, scheduledTime);
    }),
  );
}
