// Running the cron's jobs as the Worker would, at a chosen time, recording every mail they queue.
import { env } from 'cloudflare:test';
import { clockFrom } from '../src/clock.ts';
import { runScheduledJobs } from '../src/jobs/index.ts';
import { createLogger } from '../src/log.ts';
import type { MailMessage } from '../src/mail/index.ts';
import { createServices } from '../src/services/index.ts';

/**
 * The mail the run queued (the real queue still gets it); `queueDown` makes queueing fail, as a Queues outage would;
 * `shopEnv` runs it with other bindings (other vars, or services pinned with `withOverrides`).
 */
export async function runCron(at = Date.now(), queueDown = false, shopEnv: Env = env): Promise<MailMessage[]> {
  const queued: MailMessage[] = [];
  const context = { log: createLogger(), waitUntil: () => {}, kind: 'background' as const };
  const mail = createServices(shopEnv, context).mail;
  const services = createServices(shopEnv, context, {
    clock: clockFrom(at),
    mail: {
      ...mail,
      enqueue: async (message) => {
        if (queueDown) throw new Error('queue unavailable');
        queued.push(message);
        await mail.enqueue(message);
      },
    },
  });
  await runScheduledJobs(services, at);
  return queued;
}
