// The signed unsubscribe links of reminder mail: `<customer id>.<HMAC>` under a key derived from AUTH_SECRET (the
// previous secret still verifies during a rotation), so they work without a session and nobody can make one for
// another customer. The mail's own link opens the shop's page (UNSUBSCRIBE_PAGE_PATH), which asks first; its
// List-Unsubscribe header names the API's one-click address, which a mail client POSTs to (RFC 8058).
import type { Config } from '../config/index.ts';
import { hmacSha256Hex, timingSafeEqual } from '../crypto.ts';
import { UNSUBSCRIBE_PAGE_PATH } from '../shared/refill.ts';

/** The API's one-click address: POST turns reminders off; GET (an old mail's link) goes to the page. */
export const ONE_CLICK_PATH = '/api/reminders/unsubscribe';

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

/** `path?token=…` for a token as the link carries it. */
export const withToken = (path: string, token: string) => `${path}?token=${encodeURIComponent(token)}`;

/** The mail's two links: the page its text links to, and the one-click address of its List-Unsubscribe header. */
export async function unsubscribeLinks(
  config: Pick<Config, 'auth' | 'publicUrl'>,
  customerId: string,
): Promise<{ page: string; oneClick: string }> {
  const token = await unsubscribeToken(config.auth, customerId);
  return {
    page: config.publicUrl + withToken(UNSUBSCRIBE_PAGE_PATH, token),
    oneClick: config.publicUrl + withToken(ONE_CLICK_PATH, token),
  };
}
