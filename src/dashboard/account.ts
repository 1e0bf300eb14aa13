// The customer's account as the dashboard shows it: the key's state (and why it is not working, in the customer's
// words), usage and expiry, and the key it replaced while that one still works. D1 says what the shop made the key;
// the platform says how much of it is used (src/keys/live.ts). If the platform cannot be asked, the shop's own
// record is shown with `live: false`.
import { customerQuery, NOT_SUSPENDED, type Suspension } from '../customers/index.ts';
import type { Db } from '../db/index.ts';
import { firstRow, type ReadResults, readTogether, rows } from '../db/reads.ts';
import { type KeyState, keyState, keysOf, liveKey, syncQuery } from '../keys/index.ts';
import type { Services } from '../services/index.ts';
import type { SignedInCustomer } from '../shared/api.ts';
import type { AccountAnswer, AccountKey } from '../shared/dashboard.ts';
import { utcDateTime } from '../shared/format.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { inLocale, t } from '../shared/i18n/translate.ts';

/** What the dashboard works with; the pak_ secret is sealed at rest with `config.encryptionKey`. */
export type DashboardServices = Pick<Services, 'db' | 'pool' | 'config' | 'log' | 'clock' | 'waitUntil' | 'kv'>;

/** What the account answer reads beside the session check, in its round trip: every key generation, the reconcile. */
export const accountReads = (db: Db, customerId: string) => ({
  keys: rows(keysOf(db, customerId)),
  sync: firstRow(syncQuery(db, customerId)),
});
export type AccountRows = ReadResults<ReturnType<typeof accountReads>>;

/** The sentence the banner shows for a key that does not work (written inside `inLocale`). */
function reasonText(state: KeyState, suspension: Suspension, supportEmail: string): string | null {
  if (state.status === 'expired') return t('key.expired');
  if (state.status !== 'disabled') return null;
  switch (state.reason) {
    case 'suspended': {
      // The operator's own words, quoted as theirs: they may be a phrase, a sentence or a ticket number.
      const reason = suspension.suspendedReason?.trim().replace(/[.!?]+$/, '');
      return reason ? t('key.suspendedWhy', { reason }) : t('key.suspended');
    }
    case 'provider_disabled':
      return t('key.providerDisabled', { email: supportEmail });
    case 'cap_reached':
      return t('key.capReached', { gb: state.capGb ?? 0 });
    default:
      return state.live ? t('key.switchedOff') : t('key.switchedOffUnknown');
  }
}

/** What the banner says after a rollover, while the old key still works (written inside `inLocale`). */
function previousKeyText(secretMask: string | null, worksUntil: number): string {
  return t('key.rollover', { mask: secretMask ? ` (${secretMask})` : '', until: utcDateTime(worksUntil) });
}

/** The key of the signed-in customer: D1 rows plus (when it exists upstream) the platform's live view; its sentences
 * in `locale`, whose catalog the caller has loaded. */
async function accountKey(
  services: DashboardServices,
  suspension: Suspension,
  { keys, sync }: AccountRows,
  locale: Locale,
): Promise<AccountKey> {
  const { clock, config } = services;
  const key = keys.find((k) => k.state === 'current');
  const live = key?.upstreamId ? await liveKey(services, key.upstreamId) : null;
  const state = keyState({ key, sync, live, customer: suspension, now: clock.now() });
  const previous = keys.filter((k) => k.state === 'retiring' && (k.graceUntil ?? 0) > clock.now()).at(-1);
  return inLocale(locale, () => ({
    status: state.status,
    reason: state.reason,
    reasonText: reasonText(state, suspension, config.brand.supportEmail),
    secretMask: state.secretMask,
    usedMb: state.usedMb,
    capGb: state.capGb,
    expiresAt: state.expiresAt,
    lastUsedAt: state.lastUsedAt,
    updating: state.sync !== 'synced' && state.status !== 'none' && state.status !== 'provisioning',
    live: state.live,
    previousKey: previous?.graceUntil
      ? {
          secretMask: previous.secretMask,
          worksUntil: previous.graceUntil,
          text: previousKeyText(previous.secretMask, previous.graceUntil),
        }
      : null,
  }));
}

/** The dashboard's account answer: who is signed in, their key, and the gateway their proxy URLs point at. */
/** The key of a customer known by id alone (a bearer token's): their row and key rows in one round trip. */
export async function accountKeyOf(
  services: DashboardServices,
  customerId: string,
  locale: Locale,
): Promise<AccountKey> {
  const [{ customer, ...rows }] = await readTogether(services.db, {
    customer: firstRow(customerQuery(services.db, customerId)),
    ...accountReads(services.db, customerId),
  });
  return accountKey(services, customer ?? NOT_SUSPENDED, rows, locale);
}

export async function accountView(
  services: DashboardServices,
  customer: SignedInCustomer,
  suspension: Suspension,
  rows: AccountRows,
  locale: Locale,
): Promise<AccountAnswer> {
  const { upstream } = services.config;
  return {
    customer,
    key: await accountKey(services, suspension, rows, locale),
    gateway: { host: upstream.gatewayHost, username: upstream.username },
  };
}
