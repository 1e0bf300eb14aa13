// The scheduled jobs: each a named unit (registry.ts) that can be planned and run alone, and the cron trigger's
// plan that runs them in order (cron.ts).
export { CRON_PLAN, runJob, runScheduledJobs } from './cron.ts';
export { JOBS, type JobName } from './registry.ts';
