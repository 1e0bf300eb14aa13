// The registry of email kinds: how each is rendered, its provider idempotency key, and when it goes stale.
import type { MailKind, MailMessage, MailOf } from '../messages.ts';
import { keyRolloverMail } from './key-rollover.ts';
import type { MailContext, RenderedMail } from './layout.ts';
import { loginMail } from './login.ts';
import { receiptMail } from './receipt.ts';

interface MailTemplate<M extends MailMessage> {
  render(message: M, context: MailContext): RenderedMail;
  /** Same message → same key, so a provider sends it once however often the queue redelivers it. */
  idempotencyKey(message: M): string;
  /** Unix ms after which sending is pointless (a dead link); undefined for mail that never goes stale. */
  expiresAt?(message: M): number;
}

const templates: { [K in MailKind]: MailTemplate<MailOf<K>> } = {
  login: { render: loginMail, idempotencyKey: (m) => `login-${m.tokenId}`, expiresAt: (m) => m.expiresAt },
  receipt: { render: receiptMail, idempotencyKey: (m) => `receipt-${m.orderId}` },
  key_rollover: { render: keyRolloverMail, idempotencyKey: (m) => `key-rollover-${m.keyId}` },
};

export function templateFor<M extends MailMessage>(message: M): MailTemplate<M> {
  return templates[message.kind] as unknown as MailTemplate<M>;
}
