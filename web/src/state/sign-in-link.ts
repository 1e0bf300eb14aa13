// A sign-in link: what its token would sign in as and where it goes (the confirm page shows it first), confirming
// it, and where to continue. Only the sign-in pages use it, so the dashboard's bundle does not carry it.
import { safeNextPath } from '../../../src/shared/redirect.ts';
import { api, read } from '../api.ts';
import { signedIn } from './session.ts';

/** What a sign-in link's token would sign in as and where it goes, without using it; null if it cannot be used. */
export async function peekSignInLink(token: string) {
  return (await read(api.auth.link.$post({ json: { token } }))).link;
}

/** Confirms a sign-in link's token; resolves to where the link asked to continue. */
export async function confirmSignIn(token: string): Promise<string | null> {
  const result = await read(api.auth.verify.$post({ json: { token } }));
  signedIn(result.customer);
  return result.next;
}

/** A same-origin path to continue to, or the fallback: never another site (the server's own check, shared). */
export function safeNext(next: string | null | undefined, fallback = '/dashboard'): string {
  return safeNextPath(next) ?? fallback;
}
