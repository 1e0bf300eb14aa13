// Who is signed in: told by the first answer of the page (the dashboard's account, the console's overview) or else
// asked once of /api/auth/me, set after confirming a sign-in link, cleared on sign-out.
import type { SignedInCustomer, SignInRequestAnswer, SignOutEverywhereAnswer } from '../../../src/shared/api.ts';
import { api, holdRequests, type RequestError, read } from '../api.ts';
import { currentLocale, href } from '../i18n.ts';
import { navigate } from '../router.ts';
import { resource } from './resource.ts';

/** Signed out is an ordinary answer (`customer: null`), so a visitor's page load makes no failing request. */
const session = resource(async (): Promise<SignedInCustomer | null> => {
  try {
    return (await read(api.auth.me.$get())).customer;
  } catch {
    // The shop cannot be reached: the header offers "Sign in" rather than waiting forever.
    return null;
  }
});

/** undefined while unknown (first load), null when signed out. */
export const customer = session.data;

export function loadSession(): Promise<unknown> {
  return session.run();
}

/** Signed in as `who` (a sign-in link was just confirmed). */
export const signedIn: (who: SignedInCustomer) => void = session.set;

/** Who is signed in is unknown again (the Worker, once it has rendered a page for one customer). */
export function sessionUnknown(): void {
  session.set(undefined);
}

/** The shop answered 401: this browser's session has ended. */
export function sessionEnded(): void {
  session.set(null);
}

/**
 * The page's first answer, which names who is signed in (`who` of it), so the load asks the shop once: a 401 ends
 * the session, and any other failure asks /api/auth/me unless the page knows who is signed in already.
 */
export function sessionFrom<T>(answer: Promise<T>, who: (answer: T) => SignedInCustomer): Promise<T> {
  answer.then(
    (found) => session.set(who(found)),
    (err: RequestError) => (err.status === 401 ? sessionEnded() : (customer.peek() ?? loadSession())),
  );
  return answer;
}

/** Emails a sign-in link (the answer is the same whether or not the address has an account); under pressure the
 * answer asks new addresses to pass the challenge, and the request is sent again with its token. The mail, and the
 * app after signing in, speak the language of the page the link was asked from. */
export function requestSignInLink(
  email: string,
  next?: string | null,
  challengeToken?: string,
): Promise<SignInRequestAnswer> {
  return read(
    api.auth.request.$post({ json: { email, locale: currentLocale(), ...(next ? { next } : {}), challengeToken } }),
  );
}

/** Ends the session with `send` (the page's other requests held first), then returns to the shop's home in the
 * customer's language. */
async function endSession<T>(send: (own: { fetch: typeof fetch }) => Promise<T>): Promise<T> {
  const resume = holdRequests();
  try {
    const answer = await send({ fetch });
    sessionEnded();
    navigate(href('/'));
    return answer;
  } catch (err) {
    resume();
    throw err;
  }
}

/** Ends this browser's session and returns to the shop. */
export async function signOut(): Promise<void> {
  await endSession((own) => read(api.auth.logout.$post(undefined, own)));
}

/** Ends every session of this customer (all browsers and devices), and their API tokens too when `revokeTokens`, then
 * returns to the shop. */
export function signOutEverywhere(revokeTokens: boolean): Promise<SignOutEverywhereAnswer> {
  return endSession((own) => read(api.auth['logout-all'].$post({ json: { revokeTokens } }, own)));
}
