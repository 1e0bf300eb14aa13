// Running the cron's jobs as the Worker would, at a chosen time, recording every mail they queue.
import { env } from 'cloudflare:test';
import { clockFrom } from '../src/clock.ts';
import { runScheduledJobs } from '../src/jobs/index.ts';
import { createLogger } from '../src/log.ts';
import type { MailMessage } from '../src/mail/index.ts';
import { createServices } from '../src/services/index.ts';

/**
 * The mail the run queued (the real queue still gets it); `queueDown` makes queueing fail, as a Queues outage would.
 */
export async function runCron(at = Date.now(), queueDown = false): Promise<MailMessage[]> {
  const queued: MailMessage[] = [];
  const context = { log: createLogger(), waitUntil: () => {}, kind: 'background' as const };
  const mail = createServices(env, context).mail;
  const services = createServices(env, context, {
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
