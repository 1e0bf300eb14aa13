// Rotate the key: a confirmation, then a new secret (the old one dies at once, open sessions are closed).
// Rotating needs a sign-in from the last 10 minutes; otherwise the customer asks for a fresh link that
// brings them back here with the confirmation open.
import { useEffect, useState } from 'preact/hooks';
import { api, RequestError, read } from '../api.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { account, newIdempotencyKey, rotateKey } from '../state/account.ts';
import { announce } from '../state/announce.ts';

const RETURN_TO = '/dashboard#rotate';

export function RotateKey() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reauth, setReauth] = useState<'needed' | 'sent' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  useEffect(() => {
    // Back from the fresh sign-in link: pick up where the customer left off.
    if (location.hash === '#rotate') {
      history.replaceState(history.state, '', location.pathname + location.search);
      document.getElementById('rotate')?.scrollIntoView();
      setOpen(true);
    }
  }, []);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const answer = await rotateKey(idempotencyKey);
      setOpen(false);
      setIdempotencyKey(newIdempotencyKey());
      const message = `Your key was rotated. The old key no longer works${answer.sessionsClosed ? ' and its open sessions were closed' : ''}. Update your apps with the new URLs.`;
      setDone(message);
      announce('Key rotated.');
    } catch (err) {
      setOpen(false);
      if (err instanceof RequestError && err.code === 'reauth_required') setReauth('needed');
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function sendLink() {
    setError(null);
    try {
      await read(api.auth.request.$post({ json: { email: account.value!.customer.email, next: RETURN_TO } }));
      setReauth('sent');
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <section class="card" id="rotate" aria-labelledby="rotate-title">
      <h2 id="rotate-title">Rotate key</h2>
      <p class="muted">Leaked or shared by mistake? Get a new key: the old one stops working at once.</p>
      <button type="button" class="danger" onClick={() => (setDone(null), setError(null), setOpen(true))}>
        Rotate key…
      </button>
      <div aria-live="polite">
        {done && <p class="ok-text">{done}</p>}
        {reauth === 'needed' && (
          <div class="banner info">
            <p>
              For your security, rotating needs a sign-in from the last 10 minutes. We’ll email you a link that brings
              you back here.
            </p>
            <button type="button" onClick={sendLink}>
              Email me a sign-in link
            </button>
          </div>
        )}
        {reauth === 'sent' && (
          <p class="banner info">
            Check your inbox: open the link on this device and press Continue, then confirm the rotation.
          </p>
        )}
        {error && (
          <p role="alert" class="error-text">
            {error}
          </p>
        )}
      </div>
      <ConfirmDialog
        open={open}
        title="Rotate your key?"
        confirmLabel="Rotate now"
        danger
        busy={busy}
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
