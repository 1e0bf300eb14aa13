// Outgoing email: the queue's message types, branded templates, transports and the consumer.
import { getConfig } from '../config/index.ts';
import { openDb } from '../db/index.ts';
import { createLogger } from '../log.ts';
import { deliverMailBatch, recordUndeliverableMail } from './consumer.ts';

export { backoffSeconds } from './consumer.ts';
export { enqueueMail, type MailKind, type MailMessage } from './messages.ts';
export { renderMail } from './templates.ts';
export { MailDeliveryError, mailTransportProblem } from './transports.ts';

/** Queue names as in wrangler.toml (rename both together). */
export const MAIL_QUEUE = 'proxy-storefront-mail';
export const MAIL_DEAD_LETTER_QUEUE = 'proxy-storefront-mail-dlq';

export function isMailQueue(name: string): boolean {
  return name === MAIL_QUEUE || name === MAIL_DEAD_LETTER_QUEUE;
}

/** The Worker's queue handler for both mail queues. */
export async function handleMailQueue(batch: MessageBatch, env: Env): Promise<void> {
  const log = createLogger({ queue: batch.queue });
  const db = openDb(env.DB);
  if (batch.queue === MAIL_DEAD_LETTER_QUEUE) return recordUndeliverableMail(batch, { db, log });
  return deliverMailBatch(batch, { config: getConfig(env), env, db, log });
}
