// What the mail queue carries: one discriminated union, one member per kind of email. A new kind is one
// schema here plus one template in templates/.
import * as z from '../zod.ts';

export const loginMailSchema = z.object({
  kind: z.literal('login'),
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
  orderId: z.string(),
  to: z.string(),
  tierName: z.string(),
  gb: z.number(),
  /** Minor units in `currency`. */
  price: z.number(),
  currency: z.string(),
  validityDays: z.nullable(z.number()),
  /** Unix ms. */
  paidAt: z.number(),
});

/** The customer was rolled onto a new key (generation > 1), sent once per generation (pool_keys.announced_at). */
export const keyRolloverMailSchema = z.object({
  kind: z.literal('key_rollover'),
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

export const mailMessageSchema = z.discriminatedUnion('kind', [
  loginMailSchema,
  receiptMailSchema,
  keyRolloverMailSchema,
]);

export type MailMessage = z.infer<typeof mailMessageSchema>;
export type MailKind = MailMessage['kind'];
export type MailOf<K extends MailKind> = Extract<MailMessage, { kind: K }>;
