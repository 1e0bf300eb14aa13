// The header's session state: "Sign in", or the customer's email with Dashboard and Sign out.
import { href, t } from '../i18n.ts';
import { useAction } from '../state/resource.ts';
import { customer, signOut } from '../state/session.ts';

export function SessionNav() {
  const signingOut = useAction(signOut);
  const who = customer.value;
  if (who === undefined) return null;
  if (!who) return <a href={href('/signin')}>{t('site.signIn')}</a>;
  const error = signingOut.error.value;
  return (
    <>
      <span class="muted nav-email" title={who.email}>
        {who.email}
      </span>
      <a href="/dashboard">{t('site.dashboard')}</a>
      {who.isAdmin && <a href="/admin">{t('site.console')}</a>}
      <button type="button" class="link" onClick={() => signingOut.run()}>
        {t('site.signOut')}
      </button>
      {error && (
        <span role="alert" class="error-text">
          {error.message}
        </span>
      )}
    </>
  );
}
