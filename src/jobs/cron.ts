// The cron trigger's plan: which named jobs it starts, in which order. A chain's jobs run one after another (a later
// one reads what an earlier one wrote: reminders and auto top-up read the usage the sweep recorded, and remind only
// keys the reconcile has synced), each started by the last part of the one before it; chains run side by side. The
// scheduled handler only sends each chain's first message: O(1) work, whatever the size of the shop.
import type { Services } from '../services/index.ts';
import { firstMessage, type JobName } from './messages.ts';
import { sendJobMessages } from './queue.ts';

export const CRON_PLAN: readonly (readonly JobName[])[] = [
  ['usage-sweep', 'retirements', 'reconcile', 'receipts', 'reminders', 'auto-top-up'],
  ['retention'],
];

/** The job after `job` in its chain, if any. */
export function nextJob(job: JobName): JobName | undefined {
  const chain = CRON_PLAN.find((c) => c.includes(job));
  return chain?.[chain.indexOf(job) + 1];
}

/** The cron's tick: the first message of each chain's first job, in one sendBatch. */
export async function planTick(services: Pick<Services, 'jobQueue' | 'log'>, tick: number): Promise<void> {
  const first = CRON_PLAN.flatMap((chain) => (chain[0] ? [firstMessage(chain[0], tick)] : []));
  await sendJobMessages(services.jobQueue, first);
  services.log.info('cron tick planned', { jobs: first.map((m) => m.job) });
}
