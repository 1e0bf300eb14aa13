// The header's session state: "Sign in", or the customer's email with Dashboard and Sign out.
import { useAction } from '../state/resource.ts';
import { customer, signOut } from '../state/session.ts';

export function SessionNav() {
  const signingOut = useAction(signOut);
  const who = customer.value;
  if (who === undefined) return null;
  if (!who) return <a href="/signin">Sign in</a>;
  const error = signingOut.error.value;
  return (
    <>
      <span class="muted nav-email" title={who.email}>
        {who.email}
      </span>
      <a href="/dashboard">Dashboard</a>
      {who.isAdmin && <a href="/admin">Console</a>}
      <button type="button" class="link" onClick={() => signingOut.run()}>
        Sign out
      </button>
      {error && (
        <span role="alert" class="error-text">
          {error.message}
        </span>
      )}
    </>
  );
}
