// Mail as the rest of the shop sees it: queue an email for the consumer, say whether mail can leave at all (by config,
// and by how the transport did lately), and (for the consumer) the configured transport. Built once per request or
// batch by src/services.
import type { Config } from '../config/index.ts';
import type { Db } from '../db/index.ts';
import { type MailHealth, readMailHealth } from './health.ts';
import type { MailMessage } from './messages.ts';
import { createMailTransport, type MailTransport, mailTransportProblem } from './transports.ts';

export interface Mail {
  /** Queues an email for the consumer (src/mail/consumer.ts) to send. */
  enqueue(message: MailMessage): Promise<void>;
  /** Why mail cannot be sent with this config and these bindings, as an operator-facing sentence; null when it can. */
  problem(): string | null;
  /** Whether mail leaves at `now`: not when the config cannot send, nor while the transport is failing. */
  health(now: number): Promise<MailHealth>;
  /** The configured transport; a transient MailDeliveryError when it is not usable. */
  transport(): MailTransport;
}

/** `mailer` is the send_email binding (absent when wrangler.toml does not declare it). */
export function createMail(queue: Queue, mailer: SendEmail | undefined, config: () => Config, db: () => Db): Mail {
  return {
    async enqueue(message) {
      await queue.send(message, { contentType: 'json' });
    },
    problem: () => mailTransportProblem(config(), mailer),
    async health(now) {
      if (mailTransportProblem(config(), mailer))
        return { ok: false, lastOkAt: null, lastFailureAt: null, reason: 'mail transport not configured' };
      return readMailHealth(db(), now, config().mail.failureWindowMs);
    },
    transport: () => createMailTransport(config(), mailer),
  };
}
