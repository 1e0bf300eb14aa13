// Outgoing email: the queue's message types, branded templates, transports and the consumer.
import { deliverMailBatch, type MailQueueServices, recordUndeliverableMail } from './consumer.ts';

export type { MailHealth } from './health.ts';
export type { MailKind, MailMessage } from './messages.ts';
export type { Mail } from './service.ts';

/** Queue names as in wrangler.toml (rename both together). */
export const MAIL_QUEUE = 'proxy-storefront-mail';
export const MAIL_DEAD_LETTER_QUEUE = 'proxy-storefront-mail-dlq';

export function isMailQueue(name: string): boolean {
  return name === MAIL_QUEUE || name === MAIL_DEAD_LETTER_QUEUE;
}

/** The Worker's queue handler for both mail queues. */
export async function handleMailQueue(batch: MessageBatch, services: MailQueueServices): Promise<void> {
  if (batch.queue === MAIL_DEAD_LETTER_QUEUE) return recordUndeliverableMail(batch, services);
  return deliverMailBatch(batch, services);
}
