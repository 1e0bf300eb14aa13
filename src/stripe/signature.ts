// The Stripe-Signature check of a webhook delivery, with Web Crypto, over the exact raw body.
import { hmacSha256Hex, timingSafeEqual } from '../crypto.ts';
import { WebhookError } from './errors.ts';

/** Stripe's default: a signature older (or newer) than 5 minutes is refused, so a captured delivery cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;

const refused = (message: string) => new WebhookError('invalid_signature', message);

const TIMESTAMP = /^\d{1,12}$/;

/**
 * Verifies a `Stripe-Signature` header (`t=…,v1=…[,v1=…]`) over the exact raw body: HMAC-SHA256 of `${t}.${body}`
 * with the endpoint secret, any matching v1 accepted (Stripe sends several while a secret is being rolled),
 * constant-time compare, |now − t| ≤ tolerance. There is no switch to skip it.
 */
export async function verifyStripeSignature(
  rawBody: string,
  header: string | null | undefined,
  secret: string,
  now: number,
  toleranceS = SIGNATURE_TOLERANCE_S,
): Promise<void> {
  if (!header) throw refused('Missing Stripe-Signature header.');
  if (!secret) throw refused('No webhook secret configured.');
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (timestamp !== undefined) throw refused('Malformed Stripe-Signature header.');
      timestamp = value;
    } else if (name === 'v1' && value) signatures.push(value);
  }
  if (!timestamp || !TIMESTAMP.test(timestamp)) throw refused('Malformed Stripe-Signature header.');
  if (signatures.length === 0) throw refused('No v1 signature in the Stripe-Signature header.');
  const expected = await hmacSha256Hex(secret, `${timestamp}.${rawBody}`);
  let matched = false;
  for (const signature of signatures) matched = timingSafeEqual(expected, signature) || matched;
  if (!matched) throw refused('The signature does not match the payload.');
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceS)
    throw refused('The signature timestamp is outside the tolerance.');
}
