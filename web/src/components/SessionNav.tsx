// The header's session state: "Sign in", or the customer's email with Dashboard and Sign out.
import { useState } from 'preact/hooks';
import { customer, signOut } from '../state/session.ts';

export function SessionNav() {
  const [error, setError] = useState<string | null>(null);
  const who = customer.value;
  if (who === undefined) return null;
  if (!who) return <a href="/signin">Sign in</a>;
  return (
    <>
      <span class="muted nav-email" title={who.email}>
        {who.email}
      </span>
      <a href="/dashboard">Dashboard</a>
      {who.isAdmin && <a href="/admin">Console</a>}
      <button type="button" class="link" onClick={() => signOut().catch((err: Error) => setError(err.message))}>
        Sign out
      </button>
      {error && (
        <span role="alert" class="error-text">
          {error}
        </span>
      )}
    </>
  );
}
