// The jobs queue's consumer: each message is one bounded page of one job's run for one cron tick. A page's work is
// claimed, leased or idempotent; what follows it is sent before the part is recorded done. So a message delivered
// again after its consumer died mid-page redoes the page and sends on what follows (a duplicate of a part that is
// then done does nothing), and a message whose part is done does nothing at all. The last part of a run finishes it
// and starts the next job of its chain. A page that keeps failing is dead-lettered: the run is given up as failed and
// the chain goes on, so a failing job never keeps the next from running.
import { ConfigError } from '../config/index.ts';
import type { Services } from '../services/index.ts';
import { nextJob } from './cron.ts';
import { firstMessage, type JobMessage, jobMessageSchema } from './messages.ts';
import { JOBS_DEAD_LETTER_QUEUE, sendJobMessages } from './queue.ts';
import { JOBS, type Step } from './registry.ts';
import { completePart, failRun, isPartDone, isRunFinished, openRun, touchRun } from './runs.ts';

/** A page that failed is tried again this much later (then dead-lettered after the consumer's max_retries). */
export const JOB_RETRY_DELAY_SECONDS = 30;

/** The run of `message` is over: the next job of its chain starts, for the same tick. */
async function startNext(services: Services, message: JobMessage): Promise<void> {
  const next = nextJob(message.job);
  if (next) await sendJobMessages(services.jobQueue, [firstMessage(next, message.tick)]);
}

async function runOne(msg: Message, services: Services): Promise<void> {
  const parsed = jobMessageSchema.safeParse(msg.body);
  if (!parsed.success) {
    services.log.error('job message dropped: malformed', { messageId: msg.id });
    msg.ack();
    return;
  }
  const message = parsed.data;
  const { db, clock } = services;
  const log = services.log.with({ job: message.job, tick: message.tick, part: message.part });
  const run = { job: message.job, tick: message.tick };
  const redelivered = msg.attempts > 1;
  const at = clock.now();
  try {
    if (message.part === 0 && (await openRun(db, run, at)) === 'busy') {
      log.info('cron job skipped: its run of an earlier tick is still under way');
      msg.ack();
      return;
    }
    if (await isPartDone(db, run, message.part)) {
      // What follows a part is sent before the part is recorded done, so a done part has sent it. Only the start of
      // the next job may be missing: the delivery that finished the run may have died before it.
      log.info('job message skipped: its part is done');
      if (redelivered && (await isRunFinished(db, run))) await startNext(services, message);
      msg.ack();
      return;
    }
    let step: Step;
    try {
      step = await JOBS[message.job](services, at, message);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      log.error('cron job failed', { err });
      if ((await failRun(db, run, at)) || redelivered) await startNext(services, message);
      msg.ack();
      return;
    }
    // Sent before the part is recorded: a delivery that dies in between is redone (its page again, whose work is
    // claimed or idempotent), never lost.
    await sendJobMessages(services.jobQueue, step.sends);
    log.info('cron job page done', { result: step.result });
    if (step.completes) {
      const done = await completePart(db, run, message.part, step.parts, clock.now());
      if (done.finishedNow) {
        log.info('cron job done');
        await startNext(services, message);
      }
    } else await touchRun(db, run, clock.now());
    msg.ack();
  } catch (err) {
    log.warn('job message failed; retrying', { err, attempts: msg.attempts });
    msg.retry({ delaySeconds: JOB_RETRY_DELAY_SECONDS });
  }
}

/** A message that exhausted its retries: its run is given up as failed and the next job of the chain starts. */
async function giveUp(msg: Message, services: Services): Promise<void> {
  const parsed = jobMessageSchema.safeParse(msg.body);
  if (!parsed.success) {
    msg.ack();
    return;
  }
  const message = parsed.data;
  services.log.error('cron job failed', {
    job: message.job,
    tick: message.tick,
    part: message.part,
    reason: 'retries exhausted',
  });
  try {
    if (await failRun(services.db, message, services.clock.now())) await startNext(services, message);
    msg.ack();
  } catch (err) {
    services.log.error('could not give up a dead-lettered job run', { job: message.job, err });
    msg.retry({ delaySeconds: 60 });
  }
}

/** The Worker's queue handler for the jobs queue and its dead-letter queue (one message at a time). */
export async function handleJobsQueue(batch: MessageBatch, services: Services): Promise<void> {
  const handle = batch.queue === JOBS_DEAD_LETTER_QUEUE ? giveUp : runOne;
  for (const msg of batch.messages) await handle(msg, services);
}
