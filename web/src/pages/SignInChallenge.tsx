// "One more step": the sign-in page's Cloudflare Turnstile challenge, shown only when the shop is getting unusually
// many requests, so it is a chunk of its own that the sign-in page loads only then (the page stays within its budget).
import { focusOnMount } from '../components/focus.ts';
import { t } from '../i18n.ts';
import { Turnstile } from './Turnstile.tsx';

export interface ChallengeProps {
  /** The shop's words for why it asks. */
  message: string;
  siteKey: string;
  busy: boolean;
  error: string | undefined;
  /** Tokens sent so far: each is spent once sent, so a token the shop did not accept brings a fresh widget. */
  tries: number;
  onToken: (token: string) => void;
  onOtherAddress: () => void;
}

export function SignInChallenge({ message, siteKey, busy, error, tries, onToken, onOtherAddress }: ChallengeProps) {
  return (
    <section class="narrow stack" aria-live="polite">
      <h1 key="challenge" ref={focusOnMount} tabIndex={-1}>
        {t('signin.challenge')}
      </h1>
      <p>{message}</p>
      {!busy && <Turnstile key={tries} siteKey={siteKey} onToken={onToken} />}
      {(error || (tries > 0 && !busy)) && (
        <p class="error-text" role="alert">
          {error ?? t('signin.challengeFailed')}
        </p>
      )}
      <button type="button" class="secondary" onClick={onOtherAddress}>
        {t('signin.otherAddress')}
      </button>
    </section>
  );
}
