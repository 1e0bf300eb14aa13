// Sign out of this browser, or of every browser and device (a confirmation that offers to revoke the API tokens too,
// a chunk of its own: SignOutEverywhere.tsx); the way to the API page.
import { useState } from 'preact/hooks';
import { Breakable } from '../components/Breakable.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { LazyPage, lazyChunk, placeholderOnly } from '../components/LazyPage.tsx';
import { useAction } from '../state/resource.ts';
import { signOut } from '../state/session.ts';

const everywhereChunk = lazyChunk(
  import.meta.env.SSR
    ? placeholderOnly
    : () => import('./SignOutEverywhere.tsx').then((chunk) => chunk.SignOutEverywhere),
);

export function AccountActions({ email }: { email: string }) {
  const signingOut = useAction(signOut);
  const [everywhere, setEverywhere] = useState(false);
  const busy = signingOut.loading.value;
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
        <button type="button" class="secondary" onClick={() => signingOut.run()} disabled={busy}>
          Sign out
        </button>
        <button type="button" class="secondary" onClick={() => setEverywhere(true)} disabled={busy}>
          Sign out everywhere…
        </button>
      </div>
      <ErrorText error={signingOut.error.value} />
      {(everywhere || everywhereChunk.data.value) && (
        <LazyPage
          chunk={everywhereChunk}
          name="sign-out confirmation"
          props={{ open: everywhere, email, onClose: () => setEverywhere(false) }}
        />
      )}
    </section>
  );
}
