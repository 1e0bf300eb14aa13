// Reading and writing the customer's pool_keys row.
// TODO(billing merge): replace with getKeyRow/saveKeyState from src/billing/keys.ts.
import { eq } from 'drizzle-orm';
import { poolKeys, type PoolKeyRow } from '../../schema.ts';
import type { Db } from '../db/index.ts';

export async function getKeyRow(db: Db, customerId: string): Promise<PoolKeyRow | undefined> {
  const [row] = await db.select().from(poolKeys).where(eq(poolKeys.customerId, customerId)).limit(1);
  return row;
}

export async function saveKeyState(db: Db, customerId: string, state: Partial<Pick<PoolKeyRow, 'secretCiphertext' | 'secretIv' | 'secretMask'>>): Promise<void> {
  await db.update(poolKeys).set(state).where(eq(poolKeys.customerId, customerId));
}

/** `pak_ab12…ef90`: enough to recognise a key, useless to use it. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 8)}…${secret.slice(-4)}`;
}
