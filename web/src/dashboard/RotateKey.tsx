// Rotate the key: the card and its button. The confirmation, which says exactly what a rotation ends, and the rotation
// itself are a chunk of their own (RotateKeyDialog.tsx), fetched when the button is first pressed, so the dashboard's
// JavaScript stays within its budget. Back from a fresh sign-in link (#rotate) the confirmation opens at once.
import { useEffect, useState } from 'preact/hooks';
import { LazyPage, lazyChunk, placeholderOnly } from '../components/LazyPage.tsx';
import { Reauth } from '../components/Reauth.tsx';
import { t } from '../i18n.ts';

const dialogChunk = lazyChunk(
  import.meta.env.SSR ? placeholderOnly : () => import('./RotateKeyDialog.tsx').then((chunk) => chunk.RotateKeyDialog),
);

export function RotateKey() {
  const [open, setOpen] = useState(false);
  /** The rotation was refused for want of a recent sign-in: offer a fresh link back here. */
  const [reauth, setReauth] = useState(false);

  useEffect(() => {
    // Back from the fresh sign-in link: pick up where the customer left off.
    if (location.hash === '#rotate') {
      history.replaceState(history.state, '', location.pathname + location.search);
      document.getElementById('rotate')?.scrollIntoView();
      setOpen(true);
    }
  }, []);

  return (
    <section class="card" id="rotate" aria-labelledby="rotate-title">
      <h2 id="rotate-title">{t('rotate.title')}</h2>
      <p class="muted">{t('rotate.text')}</p>
      <button
        type="button"
        class="danger"
        onClick={() => {
          setReauth(false);
          setOpen(true);
        }}
      >
        {t('rotate.button')}
      </button>
      {(open || dialogChunk.data.value) && (
        <LazyPage chunk={dialogChunk} props={{ open, onClose: () => setOpen(false), onReauth: setReauth }} />
      )}
      {reauth && <Reauth returnTo="/dashboard#rotate" />}
    </section>
  );
}
