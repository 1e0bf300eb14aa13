// Sign in with an emailed link: ask for the address, then say "check your inbox" (the same answer for everyone). When
// the shop is getting unusually many requests it asks new addresses to pass Cloudflare Turnstile, and the request is
// sent again with its token. An island: the Worker renders the form (SignInForm), the browser hydrates it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Breakable } from '../components/Breakable.tsx';
import { focusOnMount } from '../components/focus.ts';
import { useAction } from '../state/resource.ts';
import { customer, requestSignInLink } from '../state/session.ts';
import { safeNext } from '../state/sign-in-link.ts';
import { SignInForm } from './SignInForm.tsx';
import { Turnstile } from './Turnstile.tsx';

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
  const busy = request.loading.value;
  const error = request.error.value?.message;
  const sentTo = sent?.to;
  /** Tokens sent: each is spent once sent, so a token the shop did not accept brings a fresh widget. */
  const [tries, setTries] = useState(0);
  const passed = useCallback(
    (token: string) => {
      setTries((n) => n + 1);
      void request.run(email, token);
    },
    [request, email],
  );

  if (customer.value && !sent)
    return (
      <section class="narrow stack">
        <h1 key="signed-in" ref={focusOnMount} tabIndex={-1}>
          You are signed in
        </h1>
        <p>
          as{' '}
          <strong>
            <Breakable text={customer.value.email} />
          </strong>
          .
        </p>
        <a class="button" href={safeNext(next)}>
          Continue
        </a>
      </section>
    );

  if (sent?.answer.status === 'challenge')
    return (
      <section class="narrow stack" aria-live="polite">
        <h1 key="challenge" ref={focusOnMount} tabIndex={-1}>
          One more step
        </h1>
        <p>{sent.answer.message}</p>
        {!busy && <Turnstile key={tries} siteKey={sent.answer.siteKey} onToken={passed} />}
        {(error || (tries > 0 && !busy)) && (
          <p class="error-text" role="alert">
            {error ?? 'That check did not pass. Please try it again.'}
          </p>
        )}
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setTries(0);
            request.set(undefined);
          }}
        >
          Use another address
        </button>
      </section>
    );

  if (sentTo)
    return (
      <section class="narrow stack" aria-live="polite">
        <h1 key="sent" ref={focusOnMount} tabIndex={-1}>
          Check your inbox
        </h1>
        <p>
          We are sending a sign-in link to <strong>{sentTo}</strong>. Open it on this device and press “Continue”.
        </p>
        <p class="muted">
          The link works once and expires in 15 minutes; only the newest link you received works. Nothing arrived? Look
          in your spam folder.
        </p>
        <button type="button" class="secondary" onClick={() => request.set(undefined)}>
          Use another address or send again
        </button>
      </section>
    );

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
