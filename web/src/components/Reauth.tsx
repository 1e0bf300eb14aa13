// An action refused with `reauth_required` (it needs a sign-in from the last 10 minutes): offers a fresh sign-in link
// that brings the signed-in customer or operator back to `returnTo`, where they confirm the action again.
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
        <p>Check your inbox: open the link on this device and press Continue, then confirm again.</p>
      ) : (
        <>
          <p>
            For your security, this needs a sign-in from the last 10 minutes. We’ll email you a link that brings you
            back here.
          </p>
          <div class="actions">
            <button type="button" onClick={() => link.run(who.email)} disabled={link.loading.value}>
              Email me a sign-in link
            </button>
            {onDismiss && (
              <button type="button" class="secondary" onClick={onDismiss}>
                Not now
              </button>
            )}
          </div>
          <ErrorText error={link.error.value} />
        </>
      )}
    </div>
  );
}
