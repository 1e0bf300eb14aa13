// "Sign out everywhere?" (a chunk of its own, see AccountActions.tsx): every session ends at once; API tokens are
// credentials of their own, so the customer chooses whether their scripts stop too.
import { useState } from 'preact/hooks';
import { Breakable } from '../components/Breakable.tsx';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { rich, t } from '../i18n.ts';
import { useAction } from '../state/resource.ts';
import { signOutEverywhere } from '../state/session.ts';

export function SignOutEverywhere({ open, email, onClose }: { open: boolean; email: string; onClose: () => void }) {
  const [revokeTokens, setRevokeTokens] = useState(false);
  const signingOut = useAction(signOutEverywhere);
  return (
    <ConfirmDialog
      open={open}
      title={t('signOut.title')}
      confirmLabel={t('signOut.confirm')}
      danger
      busy={signingOut.loading.value}
      onConfirm={() => void signingOut.run(revokeTokens)}
      onCancel={onClose}
    >
      <p>{rich('signOut.text', { email: <Breakable text={email} /> })}</p>
      <label class="check">
        <input type="checkbox" checked={revokeTokens} onChange={(e) => setRevokeTokens(e.currentTarget.checked)} />{' '}
        {t('signOut.revoke')}
      </label>
      <p class="muted">{revokeTokens ? t('signOut.revoking') : t('signOut.keeping')}</p>
      <ErrorText error={signingOut.error.value} />
    </ConfirmDialog>
  );
}
