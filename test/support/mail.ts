// Mail as a test sees it: what the shop queued (a recording of the Worker's own queue binding) and what reached the
// mail provider's simulator (its outbox).
import { env } from 'cloudflare:test';
import type { OutboxMail } from '../../devkit/sim-controls.ts';
import { until, waitFor } from '../../devkit/until.ts';
import type { MailMessage } from '../../src/mail/index.ts';
import { fireCron } from './cron.ts';
import { sim } from './sim.ts';

export type { OutboxMail };

/** The mail the simulator's outbox received for `to`, oldest first. */
export function outboxFor(to: string): Promise<OutboxMail[]> {
  return sim<OutboxMail[]>(`/_sim/outbox?to=${encodeURIComponent(to)}`);
}

/** The sign-in token in a login email's link (`…/auth/verify#token=…`). */
export function tokenFromMail(mail: OutboxMail): string {
  const token = /\/auth\/verify#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no sign-in link in mail "${mail.subject}"`);
  return token;
}

/** Waits (polling the outbox, up to `timeoutMs`) until `to` has more than `seen` mails; returns the newest. */
export function waitForMail(to: string, seen: number, timeoutMs = 4_000): Promise<OutboxMail> {
  return waitFor(async () => (await outboxFor(to)).slice(seen).at(-1), {
    timeoutMs,
    intervalMs: 50,
    what: `a new mail for ${to}`,
  });
}

/** The first mail to `to` whose subject matches, once it is there (mails queued together may arrive in any order). */
export function waitForMailAbout(to: string, subject: RegExp, timeoutMs = 4_000): Promise<OutboxMail> {
  return waitFor(async () => (await outboxFor(to)).find((mail) => subject.test(mail.subject)), {
    timeoutMs,
    intervalMs: 50,
    what: `a mail "${subject.source}" for ${to}`,
  });
}

export interface MailQueueRecording {
  /** The Worker's bindings with its mail queue recorded: pass it to `call`, `postWebhook` or `fireCron`. */
  env: Env;
  /** Every message the Worker queued through `env`, in order. */
  queued: MailMessage[];
}

/**
 * The Worker's bindings with a mail queue that records each message before the real queue gets it; `queueDown` makes
 * every send fail instead, as a Queues outage would.
 */
export function recordMailQueue({ queueDown = false } = {}): MailQueueRecording {
  const queued: MailMessage[] = [];
  const real = env.MAIL_QUEUE;
  const queue = {
    send: async (message: MailMessage, options?: QueueSendOptions) => {
      if (queueDown) throw new Error('queue unavailable');
      queued.push(message);
      await real.send(message, options);
    },
    sendBatch: async (messages: Iterable<MessageSendRequest<MailMessage>>, options?: QueueSendBatchOptions) => {
      if (queueDown) throw new Error('queue unavailable');
      const batch = [...messages];
      queued.push(...batch.map((m) => m.body));
      await real.sendBatch(batch, options);
    },
  } as unknown as Queue;
  return { env: { ...env, MAIL_QUEUE: queue }, queued };
}

/** Fires the cron at `at` (see `fireCron`) and returns the mail its jobs queued (the real queue still gets it). */
export async function mailQueuedByCron(at = Date.now(), { queueDown = false } = {}): Promise<MailMessage[]> {
  const recording = recordMailQueue({ queueDown });
  await fireCron(at, recording.env);
  return recording.queued;
}

/**
 * Waits until every message `recording` saw queued for `to` has reached the outbox, which held `before` mails for `to`
 * when the recording began (the queue's consumer delivers them a moment later); returns the outbox then, to be
 * counted.
 */
export function outboxOnceDelivered(recording: MailQueueRecording, to: string, before: number): Promise<OutboxMail[]> {
  const queuedFor = () => recording.queued.filter((m) => m.to === to).length;
  return until(
    () => outboxFor(to),
    (mails) => mails.length >= before + queuedFor(),
    { intervalMs: 50, what: `every mail queued for ${to} in the outbox` },
  );
}
