// The registry of email kinds: how each is rendered, its provider idempotency key, and when it goes stale.
import type { MailKind, MailMessage, MailOf } from '../messages.ts';
import { autoTopUpPausedMail } from './auto-top-up.ts';
import { keyRolloverMail } from './key-rollover.ts';
import type { MailContext, RenderedMail } from './layout.ts';
import { loginMail } from './login.ts';
import { receiptMail } from './receipt.ts';
import { reminderMail } from './reminder.ts';

interface MailTemplate<M extends MailMessage> {
  render(message: M, context: MailContext): RenderedMail;
  /** Same message → same key, so a provider sends it once however often the queue redelivers it. */
  idempotencyKey(message: M): string;
  /** Unix ms after which sending is pointless (a dead link); undefined for mail that never goes stale. */
  expiresAt?(message: M): number;
  /** Extra headers (List-Unsubscribe on mail a customer can turn off). */
  headers?(message: M): Record<string, string>;
}

/** RFC 8058 one-click unsubscribe: mail clients show an "Unsubscribe" button that POSTs to the link. */
function listUnsubscribe(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

const templates: { [K in MailKind]: MailTemplate<MailOf<K>> } = {
  login: { render: loginMail, idempotencyKey: (m) => `login-${m.tokenId}`, expiresAt: (m) => m.expiresAt },
  receipt: { render: receiptMail, idempotencyKey: (m) => `receipt-${m.orderId}` },
  key_rollover: { render: keyRolloverMail, idempotencyKey: (m) => `key-rollover-${m.keyId}` },
  reminder: {
    render: reminderMail,
    idempotencyKey: (m) => `reminder-${m.reminderId}`,
    headers: (m) => listUnsubscribe(m.unsubscribeUrl),
  },
  auto_top_up_paused: { render: autoTopUpPausedMail, idempotencyKey: (m) => `auto-top-up-paused-${m.chargeId}` },
};

export function templateFor<M extends MailMessage>(message: M): MailTemplate<M> {
  return templates[message.kind] as unknown as MailTemplate<M>;
}
