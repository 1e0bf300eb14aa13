// Who is signed in: loaded once from /api/auth/me, set after verifying a link, cleared on sign-out.
import { signal } from '@preact/signals';
import { safeNextPath } from '../../../src/shared/redirect.ts';
import { api, read } from '../api.ts';
import { navigate } from '../router.ts';

export interface Customer {
  id: string;
  email: string;
  isAdmin: boolean;
}

/** undefined while unknown (first load), null when signed out. */
export const customer = signal<Customer | null | undefined>(undefined);

/** Signed out is an ordinary answer (`customer: null`), so a visitor's page load makes no failing request. */
export async function loadMe(): Promise<void> {
  try {
    customer.value = (await read(api.auth.me.$get())).customer;
  } catch {
    // The shop cannot be reached: the header offers "Sign in" rather than waiting forever.
    if (customer.value === undefined) customer.value = null;
  }
}

/** Ends this browser's session and returns to the shop. */
export async function signOut(): Promise<void> {
  await read(api.auth.logout.$post());
  customer.value = null;
  navigate('/');
}

/** Ends every session of this customer (all browsers and devices), then returns to the shop. */
export async function signOutEverywhere(): Promise<number> {
  const { revoked } = await read(api.auth['logout-all'].$post());
  customer.value = null;
  navigate('/');
  return revoked;
}

/** A same-origin path to continue to, or the fallback: never another site (the server's own check, shared). */
export function safeNext(next: string | null | undefined, fallback = '/dashboard'): string {
  return safeNextPath(next) ?? fallback;
}
