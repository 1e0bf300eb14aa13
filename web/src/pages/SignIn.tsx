// Sign in with an emailed link: ask for the address, then say "check your inbox" (the same answer for everyone).
import { useState } from 'preact/hooks';
import { focusOnMount } from '../components/focus.ts';
import { search } from '../router.ts';
import { useAction } from '../state/resource.ts';
import { customer, requestSignInLink, safeNext } from '../state/session.ts';

export function SignIn() {
  const next = new URLSearchParams(search.value).get('next');
  const [email, setEmail] = useState('');
  const request = useAction(requestSignInLink);
  const sentTo = request.data.value;
  const busy = request.loading.value;
  const error = request.error.value?.message;

  if (customer.value && !sentTo)
    return (
      <section class="narrow stack">
        <h1 key="signed-in" ref={focusOnMount} tabIndex={-1}>
          You are signed in
        </h1>
        <p>
          as <strong>{customer.value.email}</strong>.
        </p>
        <a class="button" href={safeNext(next)}>
          Continue
        </a>
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
    <section class="narrow stack">
      <h1 key="form" ref={focusOnMount} tabIndex={-1}>
        Sign in
      </h1>
      <p class="muted">
        No password: we email you a link that signs you in. New here? The same link creates your account.
      </p>
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void request.run(email, next);
        }}
      >
        <div class="field">
          <label for="signin-email">Email address</label>
          <input
            id="signin-email"
            type="email"
            name="email"
            autocomplete="email"
            inputMode="email"
            required
            maxLength={254}
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'signin-error' : undefined}
          />
        </div>
        <div id="signin-error" role="alert" class="error-text">
          {error}
        </div>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? 'Sending…' : 'Email me a sign-in link'}
        </button>
      </form>
    </section>
  );
}
