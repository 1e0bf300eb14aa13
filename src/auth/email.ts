// Email addresses as the shop keys them: trimmed, lowercased, validated. Plus-tags and dots are kept
// (they are different mailboxes at many providers).
import * as z from '../zod.ts';

/** RFC 5321 caps a forward path at 254 characters. */
export const MAX_EMAIL_LENGTH = 254;

/** `" Ann@Example.COM "` → `"ann@example.com"`; input schema for routes. */
export const emailSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((v) => v.trim().toLowerCase()),
  ),
  z.email('must be an email address').check(z.maxLength(MAX_EMAIL_LENGTH, 'is too long')),
);
