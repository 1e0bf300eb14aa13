// The page a sign-in email links to. The token is in the fragment (never sent to a server by a GET), and
// nothing happens until the customer presses "Continue": a mail scanner opening the link burns nothing.
import { useState } from 'preact/hooks';
import { focusOnMount } from '../components/focus.ts';
import { navigate } from '../router.ts';
import { useAction } from '../state/resource.ts';
import { confirmSignIn, safeNext } from '../state/session.ts';

/** Takes the token out of the address bar (and so out of history and bookmarks) as soon as it is read. */
function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  return token;
}

export function Verify() {
  const [token] = useState(takeTokenFromFragment);
  const confirm = useAction(confirmSignIn);
  const error = confirm.error.value?.message;
  const busy = confirm.loading.value;

  async function proceed(token: string) {
    const next = await confirm.run(token);
    if (next !== undefined) navigate(safeNext(next), { replace: true });
  }

  if (!token || error)
    return (
      <section class="narrow stack">
        <h1 key={error ? 'failed' : 'incomplete'} ref={focusOnMount} tabIndex={-1}>
          {error ? 'This link did not work' : 'This link is incomplete'}
        </h1>
        <p role="alert">{error ?? 'Open the link from your email again, or ask for a new one.'}</p>
        <a class="button" href="/signin">
          Get a new sign-in link
        </a>
      </section>
    );

  return (
    <section class="narrow stack">
      <h1 key="confirm" ref={focusOnMount} tabIndex={-1}>
        Confirm sign-in
      </h1>
      <p>Press Continue to finish signing in on this device.</p>
      <button type="button" onClick={() => proceed(token)} disabled={busy} aria-busy={busy}>
        {busy ? 'Signing in…' : 'Continue'}
      </button>
    </section>
  );
}
