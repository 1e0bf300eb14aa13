// The sign-in form as it first appears: the Worker renders it with no state, and the sign-in island (SignIn.tsx)
// hydrates it with its own.
import { focusOnMount } from '../components/focus.ts';

export interface SignInFormProps {
  email?: string;
  busy?: boolean;
  error?: string;
  onEmail?: (email: string) => void;
  onSubmit?: () => void;
}

export function SignInForm({ email = '', busy = false, error, onEmail, onSubmit }: SignInFormProps) {
  return (
    <section class="narrow stack">
      <h1 key="form" ref={focusOnMount} tabIndex={-1}>
        Sign in
      </h1>
      <p class="muted">
        No password: we email you a link that signs you in. New here? The same link creates your account.
      </p>
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit?.();
        }}
      >
        <div class="field">
          <label for="signin-email">Email address</label>
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
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? 'Sending…' : 'Email me a sign-in link'}
        </button>
      </form>
    </section>
  );
}
