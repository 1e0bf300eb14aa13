// The page a sign-in email links to. The token is in the fragment (never sent to a server by a GET), and
// nothing happens until the customer presses "Continue": a mail scanner opening the link burns nothing.
// The page says which address the link signs in and where it goes next, so a link someone else sent (login CSRF:
// "pay for my plan on your card") is spotted before it signs anyone in, with a way out.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LoginLinkAnswer } from '../../../src/shared/api.ts';
import { formatMoney } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { match, navigate } from '../router.ts';
import { config } from '../state/config.ts';
import { customer, safeNext } from '../state/session.ts';

/** Takes the token out of the address bar (and so out of history and bookmarks) as soon as it is read. */
function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  return token;
}

/** Where the link continues to, in words: a plan's checkout (with its price), the dashboard, or the path itself. */
function destination(next: string | null): string {
  const path = safeNext(next);
  const tierId = match('/checkout/:tierId', path.split(/[?#]/)[0] ?? '')?.tierId;
  const tier = config.value?.tiers.find((t) => t.id === tierId);
  if (tier) return `the checkout of the ${tier.name} plan (${formatMoney(tier.price, tier.currency)})`;
  if (path.startsWith('/dashboard')) return 'your dashboard';
  return path;
}

/** Moves focus to a view's heading when it appears (each view is keyed, so this runs once per view). */
function focusOnMount(heading: HTMLHeadingElement | null): void {
  heading?.focus();
}

function Message({ view, title, children }: { view: string; title: string; children: ComponentChildren }) {
  return (
    <section key={view} class="narrow stack">
      <h1 ref={focusOnMount} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

export function Verify() {
  const [token, setToken] = useState(takeTokenFromFragment);
  /** undefined while it is being checked, null when it cannot be used (or the customer said it is not theirs). */
  const [link, setLink] = useState<LoginLinkAnswer['link'] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!token) return;
    read(api.auth.link.$post({ json: { token } })).then(
      (answer) => setLink(answer.link),
      (err: Error) => setError(err.message),
    );
  }, [token]);

  async function confirm() {
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      const result = await read(api.auth.verify.$post({ json: { token } }));
      customer.value = result.customer;
      navigate(safeNext(result.next), { replace: true });
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  if (!token && link === null)
    return (
      <Message view="not-me" title="Nothing happened">
        <p>
          You were not signed in. If you did not ask for this link, someone else did: ignore it, it expires by itself.
        </p>
        <a class="button" href="/signin">
          Sign in with your own address
        </a>
      </Message>
    );

  if (!token)
    return (
      <Message view="incomplete" title="This link is incomplete">
        <p>Open the link from your email again, or ask for a new one.</p>
        <a class="button" href="/signin">
          Get a new sign-in link
        </a>
      </Message>
    );

  if (error || link === null)
    return (
      <Message view="failed" title="This link did not work">
        <p role="alert">{error ?? 'This sign-in link is invalid, expired or already used. Ask for a new one.'}</p>
        <a class="button" href="/signin">
          Get a new sign-in link
        </a>
      </Message>
    );

  if (link === undefined)
    return (
      <Message view="checking" title="Confirm sign-in">
        <p class="muted" aria-busy="true">
          Checking the link…
        </p>
      </Message>
    );

  const current = customer.value;
  return (
    <Message view="confirm" title="Confirm sign-in">
      <p>
        This link signs you in as <strong>{link.email}</strong>, then takes you to {destination(link.next)}.
      </p>
      {current && current.email !== link.email && (
        <p class="muted">
          You are signed in as {current.email} in this browser; continuing switches to {link.email}.
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={confirm} disabled={busy} aria-busy={busy}>
          {busy ? 'Signing in…' : `Continue as ${link.email}`}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => {
            setToken(null);
            setLink(null);
          }}
        >
          That’s not me
        </button>
      </div>
    </Message>
  );
}
