// The signed-in customer's account and key (GET /api/account), the key's secret once fetched, and the key actions.
// The secret lives only in memory: never in storage, never in the URL.
import { signal } from '@preact/signals';
import type { AccountAnswer, RotateAnswer } from '../../../src/shared/dashboard.ts';
import { api, freshIdempotencyKey, read } from '../api.ts';
import { type Resource, resource } from './resource.ts';
import { sessionFrom } from './session.ts';

/** The pak_ secret, once revealed or rotated in this tab. */
export const secret = signal<string | null>(null);
/** Whether the secret is shown in place of the mask. */
export const showSecret = signal(false);

/** The account, and who is signed in with it; a failed refresh keeps showing the previous answer. */
export const account: Resource<AccountAnswer> = resource(async () => {
  const answer = await sessionFrom(read(api.account.$get()), (found) => found.customer);
  // Rotated elsewhere: the secret this tab holds is no longer the key's.
  const mask = account.data.peek()?.key.secretMask;
  if (mask && answer.key.secretMask !== mask) secret.value = null;
  return answer;
});

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
  const me = account.data.peek();
  // A rotation ends a rollover's previous key too.
  if (me) account.set({ ...me, key: { ...me.key, secretMask: answer.secretMask, previousKey: null } });
  return answer;
}

export function resetAccount(): void {
  account.set(undefined);
  secret.value = null;
  showSecret.value = false;
}
