// How an email leaves the shop, chosen by MAIL_TRANSPORT: Cloudflare's send_email binding, Resend's HTTP
// API, or (development and tests only) the simulator's outbox. Failures say whether a retry can help.
import type { Config } from '../config/index.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  idempotencyKey: string;
  /** Extra headers, e.g. List-Unsubscribe (every transport passes them on). */
  headers?: Record<string, string>;
}

export interface MailTransport {
  readonly name: Config['mail']['transport'];
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * A failed send. `reason` is short and safe to store and log: a status or provider code, never the message. `scope`
 * says whose failure it is: the transport's (every message would fail: credentials, sender domain, quota, outage),
 * which makes mail unhealthy (src/mail/health.ts), or this recipient's (a suppressed or refused address), which
 * must not: a recipient is whoever asked for a link.
 */
export class MailDeliveryError extends Error {
  readonly transient: boolean;
  readonly reason: string;
  readonly scope: 'transport' | 'recipient';
  constructor(transient: boolean, reason: string, scope: 'transport' | 'recipient' = 'transport') {
    super(`mail delivery failed (${transient ? 'transient' : 'permanent'}): ${reason}`);
    this.name = 'MailDeliveryError';
    this.transient = transient;
    this.reason = reason;
    this.scope = scope;
  }
}

const RESEND_URL = 'https://api.resend.com/emails';
const SEND_TIMEOUT_MS = 10_000;
/** Errors of the send_email binding that no retry can fix. */
const CLOUDFLARE_PERMANENT = new Set([
  'E_VALIDATION_ERROR',
  'E_FIELD_MISSING',
  'E_TOO_MANY_RECIPIENTS',
  'E_SENDER_NOT_VERIFIED',
  'E_RECIPIENT_NOT_ALLOWED',
  'E_RECIPIENT_SUPPRESSED',
]);
/**
 * Those about one message or its recipient. The rest are the account's: E_SENDER_NOT_VERIFIED (the sender domain is
 * not onboarded) and E_RECIPIENT_NOT_ALLOWED (an account that may only send to its verified addresses refuses
 * everyone else) stop every sign-in mail.
 */
const CLOUDFLARE_RECIPIENT = new Set([
  'E_VALIDATION_ERROR',
  'E_FIELD_MISSING',
  'E_TOO_MANY_RECIPIENTS',
  'E_RECIPIENT_SUPPRESSED',
]);

/**
 * Why mail cannot be sent with this config and these bindings, as an operator-facing sentence; null when it can.
 * A production shop never falls back to anything that would only log links.
 */
export function mailTransportProblem(config: Config, mailer: SendEmail | undefined): string | null {
  const { transport, outboxUrl, resendApiKey } = config.mail;
  if (transport === 'cloudflare' && !mailer)
    return 'MAIL_TRANSPORT is "cloudflare" but the MAILER send_email binding is missing: add [[send_email]] name = "MAILER" to wrangler.toml and verify the sender domain.';
  if (transport === 'resend' && !resendApiKey)
    return 'MAIL_TRANSPORT is "resend" but RESEND_API_KEY is not set: `wrangler secret put RESEND_API_KEY`.';
  if (transport === 'outbox' && config.env === 'production')
    return 'MAIL_TRANSPORT "outbox" is the local simulator and never sends real mail: use "cloudflare" or "resend".';
  if (transport === 'outbox' && !outboxUrl) return 'MAIL_TRANSPORT is "outbox" but MAIL_OUTBOX_URL is not set.';
  return null;
}

/** The configured transport; a MailDeliveryError (transient: an operator can fix it) when it is not usable. */
export function createMailTransport(config: Config, mailer: SendEmail | undefined): MailTransport {
  const { transport, outboxUrl } = config.mail;
  if (mailTransportProblem(config, mailer)) throw new MailDeliveryError(true, 'mail transport not configured');
  switch (transport) {
    case 'cloudflare':
      if (!mailer) throw new MailDeliveryError(true, 'mail transport not configured');
      return cloudflareTransport(mailer);
    case 'resend':
      return httpTransport('resend', RESEND_URL, { authorization: `Bearer ${config.mail.resendApiKey}` }, (m) => ({
        from: m.from,
        to: [m.to],
        subject: m.subject,
        text: m.text,
        html: m.html,
        ...(m.headers ? { headers: m.headers } : {}),
      }));
    case 'outbox':
      if (!outboxUrl) throw new MailDeliveryError(true, 'mail transport not configured');
      return httpTransport('outbox', outboxUrl, {}, (m) => ({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        headers: m.headers ?? {},
      }));
  }
}

/** `"Acme <login@acme.com>"` → `{name, email}`; a bare address stays a string. */
export function parseAddress(value: string): string | { name: string; email: string } {
  const [, name = '', email] = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value) ?? [];
  return email ? { name: name.trim(), email: email.trim() } : value.trim();
}

function cloudflareTransport(mailer: SendEmail): MailTransport {
  return {
    name: 'cloudflare',
    async send(mail) {
      try {
        await mailer.send({
          from: parseAddress(mail.from),
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          ...(mail.headers ? { headers: mail.headers } : {}),
        });
      } catch (err) {
        const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'error';
        throw new MailDeliveryError(
          !CLOUDFLARE_PERMANENT.has(code),
          `cloudflare ${code}`,
          CLOUDFLARE_RECIPIENT.has(code) ? 'recipient' : 'transport',
        );
      }
    },
  };
}

/** 429, 409 (a concurrent request with the same idempotency key) and 5xx may pass later; other 4xx will not. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Whose failure an HTTP status is: the key refused (401/403: a bad key, or a domain not verified), a quota or rate
 * limit (429), a timeout or an outage (5xx) are the transport's; any other 4xx is about this one message.
 */
export function statusScope(status: number): 'transport' | 'recipient' {
  return [401, 403, 408, 429].includes(status) || status >= 500 ? 'transport' : 'recipient';
}

function httpTransport(
  name: 'resend' | 'outbox',
  url: string,
  headers: Record<string, string>,
  body: (mail: OutgoingMail) => unknown,
): MailTransport {
  return {
    name,
    async send(mail) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': mail.idempotencyKey },
          body: JSON.stringify(body(mail)),
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
      } catch (err) {
        throw new MailDeliveryError(true, `${name} unreachable (${(err as Error).name})`);
      }
      await res.body?.cancel();
      if (!res.ok)
        throw new MailDeliveryError(
          isTransientStatus(res.status),
          `${name} HTTP ${res.status}`,
          statusScope(res.status),
        );
    },
  };
}
