// Sign in with an emailed link: ask for the address, then say "check your inbox" (the same answer for everyone). When
// the shop is getting unusually many requests it asks new addresses to pass Cloudflare Turnstile, and the request is
// sent again with its token. An island: the Worker renders the form (SignInForm), the browser hydrates it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useAction } from '../state/resource.ts';
import { customer, requestSignInLink } from '../state/session.ts';
import { SignInForm } from './SignInForm.tsx';

// Asked only under pressure: a chunk of its own (with the Turnstile widget), loaded when the answer asks for it.
const loadChallenge = () => import('./SignInChallenge.tsx').then((view) => view.SignInChallenge);
// "Check your inbox" and "already signed in": a chunk of their own, fetched while the request is on its way (or once
// the visitor turns out signed in), so the sign-in page stays within its budget in every language.
const loadDone = () => import('./SignInDone.tsx');

/** `next`: where to continue after signing in (the page's `?next=`). */
export function SignIn({ next }: { next: string | null }) {
  // What is already in the field (typed or autofilled before this script arrived): hydration keeps it on screen
  // but would not tell the state.
  const [email, setEmail] = useState(() => document.querySelector<HTMLInputElement>('#signin-email')?.value ?? '');
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const request = useAction(async (to: string, token?: string) => ({
    to: to.trim(),
    answer: await requestSignInLink(to, next, token),
  }));
  const sent = request.data.value;
  const challenged = sent?.answer.status === 'challenge';
  const [Challenge, setChallenge] = useState<Awaited<ReturnType<typeof loadChallenge>>>();
  useEffect(() => {
    if (challenged && !Challenge) void loadChallenge().then((view) => setChallenge(() => view));
  }, [challenged, Challenge]);
  const busy = request.loading.value;
  const error = request.error.value?.message;
  const sentTo = sent?.to;
  const [Done, setDone] = useState<Awaited<ReturnType<typeof loadDone>>>();
  const signedIn = Boolean(customer.value);
  useEffect(() => {
    if ((signedIn || busy || sentTo) && !Done) void loadDone().then((views) => setDone(() => views));
  }, [signedIn, busy, sentTo, Done]);
  /** Tokens sent: each is spent once sent, so a token the shop did not accept brings a fresh widget. */
  const [tries, setTries] = useState(0);
  const passed = useCallback(
    (token: string) => {
      setTries((n) => n + 1);
      void request.run(email, token);
    },
    [request, email],
  );

  if (customer.value && !sent) return Done ? <Done.SignedIn email={customer.value.email} next={next} /> : null;

  if (sent?.answer.status === 'challenge')
    return Challenge ? (
      <Challenge
        message={sent.answer.message}
        siteKey={sent.answer.siteKey}
        busy={busy}
        error={error}
        tries={tries}
        onToken={passed}
        onOtherAddress={() => {
          setTries(0);
          request.set(undefined);
        }}
      />
    ) : null;

  if (sentTo) return Done ? <Done.LinkSent to={sentTo} onAgain={() => request.set(undefined)} /> : null;

  return (
    <SignInForm
      email={email}
      busy={busy}
      live={live}
      error={error}
      onEmail={setEmail}
      onSubmit={() => void request.run(email)}
    />
  );
}
