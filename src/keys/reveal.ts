// The customer's current key and its secret: from the sealed copy in D1 when there is one (no platform call),
// otherwise read from the platform and stored. Never for a suspended customer.
import { getCustomer, type Suspension } from '../customers/index.ts';
import type { Services } from '../services/index.ts';
import { words } from '../shared/i18n/translate.ts';
import { KeyError } from './errors.ts';
import { type SealedSecret, sealSecret, unsealSecret } from './secret.ts';
import { currentKey, type PoolKeyRow, saveKey } from './store.ts';

export type KeyServices = Pick<Services, 'db' | 'pool' | 'config' | 'log' | 'clock' | 'kv'>;

export type MintedKeyRow = PoolKeyRow & { upstreamId: string };

/** The customer's current key with an upstream key, or a clear error (none yet, still being made, suspended). */
export async function ownKey(
  { db, config }: Pick<KeyServices, 'db' | 'config'>,
  customerId: string,
): Promise<MintedKeyRow> {
  const [row, customer] = await Promise.all([currentKey(db, customerId), getCustomer(db, customerId)]);
  return mintedKey(config, customer, row);
}

/** `ownKey` from rows already read: the customer and their current key. */
export function mintedKey(
  config: KeyServices['config'],
  customer: Suspension | undefined,
  row: PoolKeyRow | undefined,
): MintedKeyRow {
  if (customer?.suspendedAt)
    throw new KeyError(
      'account_suspended',
      `Your account is suspended, so your proxy key is switched off. Contact ${config.brand.supportEmail} for help.`,
      { words: words('error.suspendedKey', { email: config.brand.supportEmail }) },
    );
  if (!row)
    throw new KeyError('no_key', 'You have no proxy key yet: buy a plan to get one.', { words: words('error.noKey') });
  if (!row.upstreamId)
    throw new KeyError(
      'key_not_ready',
      'Your proxy key is still being created. It appears here within a minute of payment.',
      { words: words('error.keyNotReady') },
    );
  return row as MintedKeyRow;
}

/** Seals and stores the key's secret; `checked: false` marks it for the reconcile to confirm against the platform. */
export async function storeSecret(
  { db, config, clock }: Pick<KeyServices, 'db' | 'config' | 'clock'>,
  row: Pick<PoolKeyRow, 'id' | 'customerId'>,
  secret: string,
  checked = true,
): Promise<string> {
  const sealed = await sealSecret(config.encryptionKey, secret, row.customerId);
  await saveKey(db, row.id, { ...sealed, secretCheck: !checked }, clock.now());
  return sealed.secretMask ?? '';
}

/** The pak_ secret of the customer's current key, and where it came from. */
export async function readSecret(
  services: KeyServices,
  row: MintedKeyRow,
): Promise<{ secret: string; secretMask: string; source: 'shop' | 'platform' }> {
  const stored = await unsealSecret(services.config.encryptionKey, row);
  if (stored && row.secretMask) return { secret: stored, secretMask: row.secretMask, source: 'shop' };
  const secret = (await services.pool.revealKey(row.upstreamId, { maxRetries: 1 })).key;
  return { secret, secretMask: await storeSecret(services, row, secret), source: 'platform' };
}

/** The live secret read from the platform (it writes a `reveal` audit event), sealed for storage and checked. */
export async function readRevealedSecret(
  { pool, config }: Pick<KeyServices, 'pool' | 'config'>,
  row: Pick<PoolKeyRow, 'customerId' | 'upstreamId'>,
): Promise<SealedSecret & { secretCheck: false }> {
  if (!row.upstreamId) throw new Error('no upstream key to read the secret of');
  const secret = (await pool.revealKey(row.upstreamId, { maxRetries: 1 })).key;
  return { ...(await sealSecret(config.encryptionKey, secret, row.customerId)), secretCheck: false };
}
