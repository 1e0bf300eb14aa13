// Sign out of this browser, or of every browser and device.
import { useState } from 'preact/hooks';
import { signOut, signOutEverywhere } from '../state/session.ts';

export function AccountActions({ email }: { email: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<unknown>) => async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <p>
        Signed in as <strong>{email}</strong>.
      </p>
      <div class="actions">
        <button type="button" class="secondary" onClick={run(signOut)} disabled={busy}>
          Sign out
        </button>
        <button type="button" class="secondary" onClick={run(signOutEverywhere)} disabled={busy}>
          Sign out everywhere
        </button>
      </div>
      {error && (
        <p role="alert" class="error-text">
          {error}
        </p>
      )}
    </section>
  );
}
