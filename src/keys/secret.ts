// The pak_ secret at rest: AES-GCM sealed with ENCRYPTION_KEY and bound to the customer id (a row copied to
// another customer does not open), plus the mask the dashboard shows before reveal.
import type { PoolKeyRow } from '../../schema.ts';
import { seal, unseal } from '../crypto.ts';

/** `pak_ab12…ef90`: enough to recognise a key, useless to use it. */
function maskSecret(secret: string): string {
  return `${secret.slice(0, 8)}…${secret.slice(-4)}`;
}

/** Whether the platform's (masked or clear) secret is `secret`: same first 8 and last 4 characters. */
export function sameSecret(platformKey: string, secret: string): boolean {
  return (
    platformKey === secret || (platformKey.startsWith(secret.slice(0, 8)) && platformKey.endsWith(secret.slice(-4)))
  );
}

export type SealedSecret = Pick<PoolKeyRow, 'secretCiphertext' | 'secretIv' | 'secretMask'>;

export async function sealSecret(encryptionKey: string, secret: string, customerId: string): Promise<SealedSecret> {
  const sealed = await seal(encryptionKey, secret, customerId);
  return { secretCiphertext: sealed.ciphertext, secretIv: sealed.iv, secretMask: maskSecret(secret) };
}

/** The stored secret in clear, or null when none is stored. */
export async function unsealSecret(
  encryptionKey: string,
  row: Pick<PoolKeyRow, 'customerId' | 'secretCiphertext' | 'secretIv'>,
): Promise<string | null> {
  if (!row.secretCiphertext || !row.secretIv) return null;
  return unseal(encryptionKey, { ciphertext: row.secretCiphertext, iv: row.secretIv }, row.customerId);
}
