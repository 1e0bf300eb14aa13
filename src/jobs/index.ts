// The scheduled jobs: each a named unit (registry.ts) that works one bounded page per message of the jobs queue
// (consumer.ts), and the cron trigger's plan that starts them in order (cron.ts).
export { handleJobsQueue } from './consumer.ts';
export { CRON_PLAN, planTick } from './cron.ts';
export type { JobMessage, JobName } from './messages.ts';
export { isJobsQueue, JOBS_DEAD_LETTER_QUEUE, JOBS_QUEUE } from './queue.ts';
export { JOBS } from './registry.ts';
