// The sign-in form as it first appears: the Worker renders it with no state, and the sign-in island (SignIn.tsx)
// hydrates it with its own. Its button works only once the island is live: pressed before, the browser would submit
// the form itself (the address in the page's URL, no link sent).

import { focusOnMount } from '../components/focus.ts';
import { t } from '../i18n.ts';

export interface SignInFormProps {
  email?: string;
  busy?: boolean;
  /** The island has taken the form over (false as the Worker renders it). */
  live?: boolean;
  error?: string;
  onEmail?: (email: string) => void;
  onSubmit?: () => void;
}

export function SignInForm({ email = '', busy = false, live = false, error, onEmail, onSubmit }: SignInFormProps) {
  return (
    <section class="narrow stack">
      <h1 key="form" ref={focusOnMount} tabIndex={-1}>
        {t('signin.title')}
      </h1>
      <p class="muted">{t('signin.intro')}</p>
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit?.();
        }}
      >
        <div class="field">
          <label for="signin-email">{t('signin.email')}</label>
          <input
            id="signin-email"
            type="email"
            name="email"
            autocomplete="email"
            inputMode="email"
            required
            maxLength={254}
            value={email}
            onInput={(e) => onEmail?.(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'signin-error' : undefined}
          />
        </div>
        <div id="signin-error" role="alert" class="error-text">
          {error}
        </div>
        <button type="submit" disabled={busy || !live} aria-busy={busy}>
          {busy ? t('signin.sending') : t('signin.send')}
        </button>
      </form>
    </section>
  );
}
