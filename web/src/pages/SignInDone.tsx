// The sign-in page's answers (a chunk of its own, see SignIn.tsx): the link is on its way, or the visitor is signed in
// already.
import { Breakable } from '../components/Breakable.tsx';
import { focusOnMount } from '../components/focus.ts';
import { rich, t } from '../i18n.ts';
import { safeNext } from '../state/sign-in-link.ts';

export function SignedIn({ email, next }: { email: string; next: string | null }) {
  return (
    <section class="narrow stack">
      <h1 key="signed-in" ref={focusOnMount} tabIndex={-1}>
        {t('signin.signedIn')}
      </h1>
      <p>
        {rich('signin.as', {
          email: (
            <strong>
              <Breakable text={email} />
            </strong>
          ),
        })}
      </p>
      <a class="button" href={safeNext(next)}>
        {t('signin.continue')}
      </a>
    </section>
  );
}

export function LinkSent({ to, onAgain }: { to: string; onAgain: () => void }) {
  return (
    <section class="narrow stack" aria-live="polite">
      <h1 key="sent" ref={focusOnMount} tabIndex={-1}>
        {t('signin.checkInbox')}
      </h1>
      <p>{rich('signin.sentTo', { email: <strong>{to}</strong> })}</p>
      <p class="muted">{t('signin.sentNote')}</p>
      <button type="button" class="secondary" onClick={onAgain}>
        {t('signin.again')}
      </button>
    </section>
  );
}
