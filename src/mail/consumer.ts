// The mail queue consumer: renders and sends each message, acking or retrying it on its own.
// Transient failures back off exponentially; after max_retries the queue moves the message to the
// dead-letter queue, whose consumer records it in mail_failures. Nothing here logs a recipient or a URL.

import { mailFailures } from '../../schema.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import { type Locale, offeredOr } from '../shared/i18n/locales.ts';
import { inLocale } from '../shared/i18n/translate.ts';
import { type MailOutcome, recordMailOutcome } from './health.ts';
import { type MailMessage, mailMessageSchema } from './messages.ts';
import type { Mail } from './service.ts';
import { templateFor } from './templates/index.ts';
import { MailDeliveryError, type MailTransport } from './transports.ts';

/** Retry delays: MAIL_RETRY_DELAY_SECONDS (10 s), then doubling (20 s, 40 s, …), capped at 15 minutes. */
export const RETRY_MAX_SECONDS = 15 * 60;

export function backoffSeconds(attempts: number, firstDelaySeconds: number): number {
  return Math.min(firstDelaySeconds * 2 ** Math.max(0, attempts - 1), RETRY_MAX_SECONDS);
}

/**
 * What the consumer works with: the shop's services (src/services), named here because mail is one of the parts
 * they are built from.
 */
export interface MailQueueServices {
  readonly config: Config;
  readonly mail: Mail;
  readonly db: Db;
  readonly log: Logger;
  readonly clock: Clock;
  loadCatalog(locale: Locale): Promise<void>;
  configIn(locale: Locale): Promise<Config>;
}

/**
 * A broken config throws before any message is touched: the whole batch is retried. The batch's outcome (a message
 * sent, the transport's latest failure) is recorded for the health of mail (src/mail/health.ts).
 */
export async function deliverMailBatch(batch: MessageBatch, services: MailQueueServices): Promise<void> {
  const { config } = services;
  let transport: MailTransport | MailDeliveryError;
  try {
    transport = services.mail.transport();
  } catch (err) {
    transport = err instanceof MailDeliveryError ? err : new MailDeliveryError(true, 'mail transport not configured');
    services.log.error('mail transport unusable; messages will be retried', { transport: config.mail.transport });
  }
  const results = await Promise.all(batch.messages.map((msg) => deliverOne(msg, transport, services)));
  const at = services.clock.now();
  const failed = results.find((r) => r instanceof MailDeliveryError && r.scope === 'transport');
  await noteOutcome(services, {
    ...(results.includes('sent') ? { sentAt: at } : {}),
    ...(failed instanceof MailDeliveryError ? { failure: { at, reason: failed.reason } } : {}),
  });
}

/** Records how the transport did; a failure to record it is logged, never a reason to retry the batch. */
async function noteOutcome({ db, log }: Pick<MailQueueServices, 'db' | 'log'>, outcome: MailOutcome): Promise<void> {
  try {
    await recordMailOutcome(db, outcome);
  } catch (err) {
    log.error('could not record how mail did', { err });
  }
}

/** 'sent', the failure of a send, or null for a message dropped before any send (malformed, or its link expired). */
async function deliverOne(
  msg: Message,
  transport: MailTransport | MailDeliveryError,
  { config, db, log, clock, loadCatalog, configIn }: MailQueueServices,
): Promise<'sent' | MailDeliveryError | null> {
  const parsed = mailMessageSchema.safeParse(msg.body);
  if (!parsed.success) {
    log.error('mail dropped: malformed queue message', { messageId: msg.id });
    msg.ack();
    return null;
  }
  const message = parsed.data;
  const template = templateFor(message);
  const fields = { messageId: msg.id, kind: message.kind, attempts: msg.attempts, ...refOf(message) };
  const staleAt = template.expiresAt?.(message);
  const now = clock.now();
  if (staleAt !== undefined && staleAt <= now) {
    log.warn('mail dropped: its link expired before it could be sent', fields);
    await recordFailure(db, log, msg.id, message, 'expired: the link expired before it could be sent', now);
    msg.ack();
    return null;
  }
  try {
    if (transport instanceof MailDeliveryError) throw transport;
    // The customer's language while the shop still speaks it, else the shop's default; the plans by their names in
    // it (PRICING's when its content/ file cannot be read: a mail is not held up by the reseller's words).
    const locale = offeredOr(message.locale, config.locales, config.defaultLocale);
    const [, named] = await Promise.all([loadCatalog(locale), configIn(locale).catch(() => config)]);
    const context = { brand: config.brand, publicUrl: config.publicUrl, now, tiers: named.tiers };
    const rendered = inLocale(locale, () => template.render(message, context));
    await transport.send({
      ...rendered,
      from: config.mail.from,
      to: message.to,
      idempotencyKey: template.idempotencyKey(message),
      headers: template.headers?.(message),
    });
    msg.ack();
    log.info('mail sent', { ...fields, transport: transport.name });
    return 'sent';
  } catch (err) {
    const failure =
      err instanceof MailDeliveryError ? err : new MailDeliveryError(true, `unexpected ${(err as Error).name}`);
    if (!failure.transient) {
      log.error('mail failed permanently', { ...fields, reason: failure.reason });
      await recordFailure(db, log, msg.id, message, `permanent: ${failure.reason}`, clock.now());
      msg.ack();
      return failure;
    }
    const delaySeconds = backoffSeconds(msg.attempts, config.mail.retryDelaySeconds);
    const failedAt = clock.now();
    if (staleAt !== undefined && failedAt + delaySeconds * 1000 >= staleAt) {
      log.warn('mail dropped: its link would expire before the next attempt', { ...fields, reason: failure.reason });
      await recordFailure(db, log, msg.id, message, `expired before retry: ${failure.reason}`, failedAt);
      msg.ack();
      return failure;
    }
    log.warn('mail failed; retrying', { ...fields, reason: failure.reason, delaySeconds });
    msg.retry({ delaySeconds });
    return failure;
  }
}

/** A reference that identifies the message in logs without its recipient or contents. */
function refOf(message: MailMessage): Record<string, string> {
  switch (message.kind) {
    case 'login':
      return { loginRef: message.tokenId };
    case 'receipt':
      return { orderId: message.orderId };
    case 'key_rollover':
      return { keyId: message.keyId };
    case 'reminder':
      return { reminderId: message.reminderId };
    case 'auto_top_up_paused':
      return { chargeId: message.chargeId };
  }
}

async function recordFailure(
  db: Db,
  log: Logger,
  id: string,
  message: Pick<MailMessage, 'to' | 'kind'>,
  reason: string,
  at: number,
): Promise<boolean> {
  try {
    await db.insert(mailFailures).values({ id, to: message.to, kind: message.kind, reason, at }).onConflictDoNothing();
    return true;
  } catch (err) {
    log.error('could not record a mail failure', { messageId: id, err });
    return false;
  }
}

/**
 * The dead-letter queue: mail that exhausted its retries is recorded (recipient, kind, reason; no link) and acked.
 * Only failures that may pass later are retried, so a dead letter is the transport's failure.
 */
export async function recordUndeliverableMail(
  batch: MessageBatch,
  { db, log, clock }: Pick<MailQueueServices, 'db' | 'log' | 'clock'>,
): Promise<void> {
  if (batch.messages.length)
    await noteOutcome(
      { db, log },
      { failure: { at: clock.now(), reason: 'undeliverable: retries exhausted', general: true } },
    );
  for (const msg of batch.messages) {
    const parsed = mailMessageSchema.safeParse(msg.body);
    const message = parsed.success ? parsed.data : { to: '(unreadable)', kind: 'unknown' as MailMessage['kind'] };
    log.error('mail undeliverable after retries', { messageId: msg.id, kind: message.kind });
    if (await recordFailure(db, log, msg.id, message, 'undeliverable: retries exhausted', clock.now())) msg.ack();
    else msg.retry({ delaySeconds: 60 });
  }
}
