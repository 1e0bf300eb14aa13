// The cron as Cloudflare runs it, and its jobs queue to the end: the Worker's scheduled handler plans the tick onto a
// held stand-in of the JOBS_QUEUE binding, and each held message is then delivered, one per invocation as
// wrangler.toml says, to the Worker's own queue handler, which sends what follows back onto the held queue. A message
// the handler retries comes back with one more attempt, and after max_retries goes to the dead-letter queue's handler.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { clockFrom } from '../../src/clock.ts';
import worker from '../../src/index.ts';
import { JOBS_DEAD_LETTER_QUEUE, JOBS_QUEUE, type JobMessage } from '../../src/jobs/index.ts';
import { type Services, withOverrides } from '../../src/services/index.ts';

/** wrangler.toml's max_retries of the jobs queue's consumer. */
const MAX_RETRIES = 3;
/** More deliveries than any test's cron cycle needs: a loop that never ends fails instead of hanging. */
const MAX_DELIVERIES = 20_000;

export interface HeldMessage {
  id: string;
  body: JobMessage;
  attempts: number;
}

/** A Queue binding that holds what is sent to it, in order, for the test to deliver. */
export class HeldQueue {
  readonly held: HeldMessage[] = [];
  private sent = 0;
  readonly binding = {
    send: async (body: unknown) => {
      this.hold(body);
    },
    sendBatch: async (messages: Iterable<MessageSendRequest>) => {
      for (const m of messages) this.hold(m.body);
    },
  } as unknown as Queue;

  private hold(body: unknown) {
    // A copy, as Queues serialises a body: a later change to the sender's object must not reach the message.
    this.held.push({ id: `held-${++this.sent}`, body: structuredClone(body) as JobMessage, attempts: 1 });
  }

  take(): HeldMessage | undefined {
    return this.held.shift();
  }
}

/** Delivers one message to the Worker's queue handler as `queue`; answers whether the handler acked it. */
export async function deliverJob(bindings: Env, message: HeldMessage, queue = JOBS_QUEUE): Promise<boolean> {
  const batch = createMessageBatch(queue, [{ ...message, timestamp: Date.now() }]);
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch, bindings, ctx);
  const result = await getQueueResult(batch as MessageBatch, ctx);
  return !result.retryBatch.retry && !result.retryMessages.some((r) => r.msgId === message.id);
}

/** The Worker's scheduled handler alone for the tick `at` (its messages go wherever `bindings` sends them). */
export async function fireScheduled(bindings: Env, at: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '*/5 * * * *' }), bindings, ctx);
  await waitOnExecutionContext(ctx);
}

/** Delivers every held message (and what each sends on) until the queue is empty. */
export async function drainJobs(bindings: Env, jobs: HeldQueue): Promise<void> {
  for (let delivered = 0; delivered < MAX_DELIVERIES; delivered++) {
    const message = jobs.take();
    if (!message) return;
    if (await deliverJob(bindings, message)) continue;
    if (message.attempts > MAX_RETRIES) await deliverJob(bindings, message, JOBS_DEAD_LETTER_QUEUE);
    else jobs.held.push({ ...message, attempts: message.attempts + 1 });
  }
  throw new Error(`the jobs queue was not empty after ${MAX_DELIVERIES} deliveries`);
}

/**
 * The bindings of a cron cycle: `base` (the test bindings unless given, with what it was pinned to) with the jobs
 * queue held in `jobs`, and the services' overrides pinned over it (a clock, a recording mail).
 */
export function cronBindings(jobs: HeldQueue, overrides: Partial<Services> = {}, base: Env = env): Env {
  // Assigned to the pinned copy itself: a spread would lose what `base` and `overrides` pinned.
  return Object.assign(withOverrides(base, overrides), { JOBS_QUEUE: jobs.binding });
}

/**
 * One cron cycle at `at`, as Cloudflare runs it: the scheduled handler plans the tick and every job it planned runs
 * to its end through the queue handler, on a clock that reads `at` when the cycle starts. `shopEnv`: other bindings
 * (e.g. a recording mail queue).
 */
export async function fireCron(at = Date.now(), shopEnv: Env = env): Promise<void> {
  const jobs = new HeldQueue();
  const bindings = cronBindings(jobs, { clock: clockFrom(at) }, shopEnv);
  await fireScheduled(bindings, at);
  await drainJobs(bindings, jobs);
}
