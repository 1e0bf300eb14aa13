// The jobs queue as the cron and its consumer send to it: messages packed into as few sendBatch calls as Queues
// allows (100 messages or 256 KB a call, 128 KB a message).
import { QUEUE_MESSAGE_BYTES, QUEUE_SEND_BATCH_BYTES, QUEUE_SEND_BATCH_MESSAGES } from '../bounds.ts';
import type { JobMessage } from './messages.ts';

/** Queue names as in wrangler.toml (rename both together). */
export const JOBS_QUEUE = 'proxy-storefront-jobs';
export const JOBS_DEAD_LETTER_QUEUE = 'proxy-storefront-jobs-dlq';

export function isJobsQueue(name: string): boolean {
  return name === JOBS_QUEUE || name === JOBS_DEAD_LETTER_QUEUE;
}

/** What Queues counts of a message besides its body. */
const MESSAGE_OVERHEAD_BYTES = 100;
const encoder = new TextEncoder();

/** Sends `messages` in order, each sendBatch call within Queues' limits. */
export async function sendJobMessages(queue: Queue, messages: readonly JobMessage[]): Promise<void> {
  let batch: MessageSendRequest[] = [];
  let bytes = 0;
  for (const body of messages) {
    const size = encoder.encode(JSON.stringify(body)).length + MESSAGE_OVERHEAD_BYTES;
    if (size > QUEUE_MESSAGE_BYTES) throw new RangeError(`a ${body.job} message of ${size} bytes passes Queues' limit`);
    if (batch.length === QUEUE_SEND_BATCH_MESSAGES || bytes + size > QUEUE_SEND_BATCH_BYTES) {
      await queue.sendBatch(batch);
      batch = [];
      bytes = 0;
    }
    batch.push({ body, contentType: 'json' });
    bytes += size;
  }
  if (batch.length) await queue.sendBatch(batch);
}
