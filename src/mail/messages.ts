// What the mail queue carries: one discriminated union, one member per kind of email. A new kind is one
// schema here plus one template in templates/.
import { SHIPPED_LOCALES } from '../shared/i18n/locales.ts';
import * as z from '../zod.ts';

/** The language the mail is written in (the customer's); absent in messages queued before it existed: the shop's
 * default. */
const locale = z.optional(z.enum(SHIPPED_LOCALES));
/** The plan's id, for its name in the mail's language (absent in messages queued before it existed: `tierName`). */
const tierId = z.optional(z.string());

export const loginMailSchema = z.object({
  kind: z.literal('login'),
  locale,
  tokenId: z.string(),
  to: z.string(),
  /** The sign-in link. It holds the raw token: it exists only here and in the sent email, never in logs or D1. */
  url: z.string(),
  /** Unix ms; a message still queued after this is dropped (the link is dead). */
  expiresAt: z.number(),
});

/** Purchase confirmation, sent once per paid order (orders.receipt_sent_at). Self-contained: rendered without D1. */
export const receiptMailSchema = z.object({
  kind: z.literal('receipt'),
  locale,
  orderId: z.string(),
  to: z.string(),
  tierId,
  /** The plan's name as sold (PRICING's). */
  tierName: z.string(),
  gb: z.number(),
  /** Minor units in `currency`: what was charged for the plan after promotion codes, before tax. */
  price: z.number(),
  /** Taken off by a promotion code, and the tax on top (absent in messages queued before they existed). */
  discount: z.optional(z.number()),
  tax: z.optional(z.number()),
  currency: z.string(),
  validityDays: z.nullable(z.number()),
  /** Unix ms. */
  paidAt: z.number(),
  /** Bought at Checkout, or charged to the saved card by auto top-up (absent in messages queued before it existed:
   * Checkout). */
  via: z.optional(z.enum(['checkout', 'auto_top_up'])),
});

/** The customer was rolled onto a new key (generation > 1), sent once per generation (pool_keys.announced_at). */
export const keyRolloverMailSchema = z.object({
  kind: z.literal('key_rollover'),
  locale,
  /** The new key's row id: one mail per generation. */
  keyId: z.string(),
  to: z.string(),
  generation: z.number(),
  /** Masks only (`pak_ab12…ef90`): the secret itself never leaves the shop by mail. */
  secretMask: z.nullable(z.string()),
  previousMask: z.nullable(z.string()),
  /** Unix ms until which the old key keeps working; null when there is none left. */
  previousWorksUntil: z.nullable(z.number()),
});

/**
 * A usage or expiry reminder about one key generation, sent once per row of `reminders` (see src/reminders). Not
 * essential: it carries signed unsubscribe links (a page in its text, one-click in its List-Unsubscribe headers).
 */
export const reminderMailSchema = z.object({
  kind: z.literal('reminder'),
  locale,
  /** `<key id>:<kind>:<basis>`, the row of `reminders` this mail is: one mail per row. */
  reminderId: z.string(),
  to: z.string(),
  reminder: z.enum(['usage', 'cap', 'expiry', 'expired_unused']),
  /** Usage: the threshold crossed (80 for "80 %"); expiry: the days threshold (7 for "in 7 days"). */
  threshold: z.nullable(z.number()),
  usedGb: z.number(),
  capGb: z.number(),
  /** Unix ms; null when the key does not expire. */
  expiresAt: z.nullable(z.number()),
  /** Lands on the checkout for the customer's tier after sign-in. */
  buyUrl: z.string(),
  /** The one-click address of the List-Unsubscribe header (RFC 8058: a mail client POSTs to it). */
  unsubscribeUrl: z.string(),
  /** The shop's page the mail's own link opens, which asks first (absent in messages queued before it existed: the
   * one-click address then sends a browser to it). */
  unsubscribePageUrl: z.optional(z.string()),
});

/** Auto top-up could not charge the saved card: the customer finishes the payment on Stripe's page. Essential. */
export const autoTopUpPausedMailSchema = z.object({
  kind: z.literal('auto_top_up_paused'),
  locale,
  /** The auto top-up charge that needs the customer: one mail per charge. */
  chargeId: z.string(),
  to: z.string(),
  reason: z.enum(['authentication_required', 'card_declined', 'no_card', 'payment_failed']),
  tierId,
  tierName: z.string(),
  gb: z.number(),
  /** Minor units in `currency`. */
  amount: z.number(),
  currency: z.string(),
  /** Lands on Stripe's hosted checkout for the tier after sign-in (the card is saved again there). */
  payUrl: z.string(),
});

export const mailMessageSchema = z.discriminatedUnion('kind', [
  loginMailSchema,
  receiptMailSchema,
  keyRolloverMailSchema,
  reminderMailSchema,
  autoTopUpPausedMailSchema,
]);

export type MailMessage = z.infer<typeof mailMessageSchema>;
export type MailKind = MailMessage['kind'];
export type MailOf<K extends MailKind> = Extract<MailMessage, { kind: K }>;
