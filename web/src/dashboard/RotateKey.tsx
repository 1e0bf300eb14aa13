// Rotate the key: a confirmation, then a new secret (the old one dies at once, open sessions are closed).
// Rotating needs a sign-in from the last 10 minutes; otherwise the customer asks for a fresh link that
// brings them back here with the confirmation open.
import { useEffect, useState } from 'preact/hooks';
import { RequestError } from '../api.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { Reauth } from '../components/Reauth.tsx';
import { newIdempotencyKey, rotateKey } from '../state/account.ts';
import { announce } from '../state/announce.ts';
import { useAction } from '../state/resource.ts';

const RETURN_TO = '/dashboard#rotate';

export function RotateKey() {
  const [open, setOpen] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const rotation = useAction(rotateKey);
  const failure = rotation.error.value;
  const reauthNeeded = failure instanceof RequestError && failure.code === 'reauth_required';
  const error = reauthNeeded ? null : failure;
  const done = rotation.data.value;

  useEffect(() => {
    // Back from the fresh sign-in link: pick up where the customer left off.
    if (location.hash === '#rotate') {
      history.replaceState(history.state, '', location.pathname + location.search);
      document.getElementById('rotate')?.scrollIntoView();
      setOpen(true);
    }
  }, []);

  async function confirm() {
    const answer = await rotation.run(idempotencyKey);
    setOpen(false);
    if (!answer) return;
    setIdempotencyKey(newIdempotencyKey());
    announce('Key rotated.');
  }

  function start() {
    rotation.set(undefined);
    setOpen(true);
  }

  return (
    <section class="card" id="rotate" aria-labelledby="rotate-title">
      <h2 id="rotate-title">Rotate key</h2>
      <p class="muted">Leaked or shared by mistake? Get a new key: the old one stops working at once.</p>
      <button type="button" class="danger" onClick={start}>
        Rotate key…
      </button>
      <div aria-live="polite">
        {done && (
          <p class="ok-text">
            Your key was rotated. The old key no longer works
            {done.sessionsClosed ? ' and its open sessions were closed' : ''}. Update your apps with the new URLs.
          </p>
        )}
        {reauthNeeded && <Reauth returnTo={RETURN_TO} />}
        <ErrorText error={error} />
      </div>
      <ConfirmDialog
        open={open}
        title="Rotate your key?"
        confirmLabel="Rotate now"
        danger
        busy={rotation.loading.value}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p>
          You get a new key right away. The current key stops working immediately, and its open proxy sessions are
          closed.
        </p>
        <p>Every app and script that uses the old key must be updated with the new URLs.</p>
      </ConfirmDialog>
    </section>
  );
}
