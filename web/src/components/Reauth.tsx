// An action refused with `reauth_required` (it needs a sign-in from the last 10 minutes): offers a fresh sign-in link
// that brings the signed-in customer or operator back to `returnTo`, where they confirm the action again.
import { t } from '../i18n.ts';
import { useAction } from '../state/resource.ts';
import { customer, requestSignInLink } from '../state/session.ts';
import { ErrorText } from './ErrorText.tsx';

export function Reauth({ returnTo, onDismiss }: { returnTo: string; onDismiss?: () => void }) {
  const link = useAction((email: string) => requestSignInLink(email, returnTo));
  const who = customer.value;
  if (!who) return null;
  return (
    <div class="banner info" role="status">
      {link.data.value ? (
        <p>{t('site.reauthSent')}</p>
      ) : (
        <>
          <p>{t('site.reauthWhy')}</p>
          <div class="actions">
            <button type="button" onClick={() => link.run(who.email)} disabled={link.loading.value}>
              {t('site.emailMeLink')}
            </button>
            {onDismiss && (
              <button type="button" class="secondary" onClick={onDismiss}>
                {t('site.notNow')}
              </button>
            )}
          </div>
          <ErrorText error={link.error.value} />
        </>
      )}
    </div>
  );
}
