// The signed-in customer's account and key (GET /api/account), the key's secret once fetched, and the key actions.
// The secret lives only in memory: never in storage, never in the URL.
import { signal } from '@preact/signals';
import type { MeAnswer, RotateAnswer } from '../../../src/shared/dashboard.ts';
import { api, freshIdempotencyKey, RequestError, read } from '../api.ts';
import { customer } from './session.ts';

export const account = signal<MeAnswer | null>(null);
/** The last load failed (the page keeps showing the previous answer, if any). */
export const accountError = signal<string | null>(null);
/** When /api/account last answered (unix ms). */
export const accountAt = signal(0);
/** The pak_ secret, once revealed or rotated in this tab. */
export const secret = signal<string | null>(null);
/** Whether the secret is shown in place of the mask. */
export const showSecret = signal(false);

export async function loadAccount(): Promise<void> {
  try {
    const answer = await read(api.account.$get());
    if (account.value?.key.secretMask && answer.key.secretMask !== account.value.key.secretMask) secret.value = null;
    account.value = answer;
    accountError.value = null;
    accountAt.value = Date.now();
  } catch (err) {
    if (err instanceof RequestError && err.status === 401) customer.value = null;
    accountError.value = (err as Error).message;
  }
}

/** The secret, fetched from the shop on first use (an audited reveal). */
export async function ensureSecret(): Promise<string> {
  if (secret.value) return secret.value;
  const answer = await read(api.key.reveal.$post());
  secret.value = answer.secret;
  return answer.secret;
}

/** A fresh id per confirmed rotation: a retried request replays it instead of rotating twice. */
export const newIdempotencyKey = () => freshIdempotencyKey('rot');

export async function rotateKey(idempotencyKey: string): Promise<RotateAnswer> {
  const answer = await read(api.key.rotate.$post(undefined, { headers: { 'Idempotency-Key': idempotencyKey } }));
  secret.value = answer.secret;
  if (account.value) account.value = { ...account.value, key: { ...account.value.key, secretMask: answer.secretMask } };
  return answer;
}

export function resetAccount(): void {
  account.value = null;
  accountError.value = null;
  secret.value = null;
  showSecret.value = false;
}
