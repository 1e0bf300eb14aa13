// "Sign out everywhere?" (a chunk of its own, see AccountActions.tsx): every session ends at once; API tokens are
// credentials of their own, so the customer chooses whether their scripts stop too.
import { useState } from 'preact/hooks';
import { Breakable } from '../components/Breakable.tsx';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../state/resource.ts';
import { signOutEverywhere } from '../state/session.ts';

export function SignOutEverywhere({ open, email, onClose }: { open: boolean; email: string; onClose: () => void }) {
  const [revokeTokens, setRevokeTokens] = useState(false);
  const signingOut = useAction(signOutEverywhere);
  return (
    <ConfirmDialog
      open={open}
      title="Sign out everywhere?"
      confirmLabel="Sign out everywhere"
      danger
      busy={signingOut.loading.value}
      onConfirm={() => void signingOut.run(revokeTokens)}
      onCancel={onClose}
    >
      <p>
        Every browser and device signed in as <Breakable text={email} /> is signed out at once, this one included.
      </p>
      <label class="check">
        <input type="checkbox" checked={revokeTokens} onChange={(e) => setRevokeTokens(e.currentTarget.checked)} /> Also
        revoke all my API tokens
      </label>
      <p class="muted">
        {revokeTokens
          ? 'Every script that uses one of your API tokens stops working at once; make new tokens on the API page.'
          : 'Your API tokens keep working: scripts that use them are not signed out. Tick the box to revoke them too.'}
      </p>
      <ErrorText error={signingOut.error.value} />
    </ConfirmDialog>
  );
}
