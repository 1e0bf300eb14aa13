// Sign out of this browser, or of every browser and device; the way to the API page.

import { Breakable } from '../components/Breakable.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../state/resource.ts';
import { signOut, signOutEverywhere } from '../state/session.ts';

export function AccountActions({ email }: { email: string }) {
  const signingOut = useAction(async (everywhere: boolean) => {
    await (everywhere ? signOutEverywhere() : signOut());
  });
  const busy = signingOut.loading.value;
  const error = signingOut.error.value;
  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <p>
        Signed in as{' '}
        <strong>
          <Breakable text={email} />
        </strong>
        . Scripts can fetch proxy URLs with an <a href="/dashboard/api">API token</a>.
      </p>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => signingOut.run(false)} disabled={busy}>
          Sign out
        </button>
        <button type="button" class="secondary" onClick={() => signingOut.run(true)} disabled={busy}>
          Sign out everywhere
        </button>
      </div>
      <ErrorText error={error} />
    </section>
  );
}
