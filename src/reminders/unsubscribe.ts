// The signed one-click unsubscribe link of reminder mail: `<customer id>.<HMAC>` under a key derived from
// AUTH_SECRET (the previous secret still verifies during a rotation), so it works without a session and nobody can
// make one for another customer.
import type { Config } from '../config/index.ts';
import { hmacSha256Hex, timingSafeEqual } from '../crypto.ts';

const PURPOSE = 'reminders-unsubscribe';
const TOKEN = /^([A-Za-z0-9_-]{1,100})\.([0-9a-f]{64})$/;

const macOf = (secret: string, customerId: string) => hmacSha256Hex(secret, `${PURPOSE}:${customerId}`);

export async function unsubscribeToken(auth: Config['auth'], customerId: string): Promise<string> {
  return `${customerId}.${await macOf(auth.secret, customerId)}`;
}

/** The customer a token was made for, or null when it is malformed or not signed by this shop. */
export async function customerOfToken(auth: Config['auth'], token: string): Promise<string | null> {
  const [, customerId, mac] = TOKEN.exec(token) ?? [];
  if (!customerId || !mac) return null;
  for (const secret of [auth.secret, auth.previousSecret]) {
    if (secret && timingSafeEqual(mac, await macOf(secret, customerId))) return customerId;
  }
  return null;
}

export async function unsubscribeUrl(config: Pick<Config, 'auth' | 'publicUrl'>, customerId: string): Promise<string> {
  return `${config.publicUrl}/api/reminders/unsubscribe?token=${await unsubscribeToken(config.auth, customerId)}`;
}
