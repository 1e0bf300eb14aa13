// The rotation's confirmation and outcome (a chunk of its own, see RotateKey.tsx): a new secret for the current key,
// its open sessions closed, and a rollover's previous key, still in its grace, switched off too. Rotating needs a
// sign-in from the last 10 minutes; otherwise the card offers a fresh link that brings the customer back here.
import { useEffect, useState } from 'preact/hooks';
import type { EndedPreviousKey } from '../../../src/shared/dashboard.ts';
import { utcDateTime } from '../../../src/shared/format.ts';
import { RequestError } from '../api.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { account, newIdempotencyKey, rotateKey } from '../state/account.ts';
import { announce } from '../state/announce.ts';
import { useAction } from '../state/resource.ts';

const named = (mask: string | null) => (mask ? ` (${mask})` : '');

/** What the rotation did to the previous key of a rollover. */
function endedText(previous: EndedPreviousKey): string {
  return previous.switchedOff
    ? `Your previous key${named(previous.secretMask)} was switched off too; its unused traffic moves to your new key within a few minutes.`
    : `Your previous key${named(previous.secretMask)} no longer has a grace period and is being switched off; its unused traffic then moves to your new key.`;
}

export function RotateKeyDialog({
  open,
  onClose,
  onReauth,
}: {
  open: boolean;
  onClose: () => void;
  /** Told whether the last attempt needs a fresh sign-in first. */
  onReauth: (needed: boolean) => void;
}) {
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const rotation = useAction(rotateKey);
  const failure = rotation.error.value;
  const reauthNeeded = failure instanceof RequestError && failure.code === 'reauth_required';
  const done = rotation.data.value;
  const previous = account.data.value?.key.previousKey;
  useEffect(() => onReauth(reauthNeeded), [reauthNeeded, onReauth]);

  async function confirm() {
    const answer = await rotation.run(idempotencyKey);
    onClose();
    if (!answer) return;
    setIdempotencyKey(newIdempotencyKey());
    announce('Key rotated.');
  }

  return (
    <>
      <div aria-live="polite">
        {done && !open && (
          <p class="ok-text">
            Your key was rotated. The old key no longer works
            {done.sessionsClosed ? ' and its open sessions were closed' : ''}.{' '}
            {done.previousKey && `${endedText(done.previousKey)} `}Update your apps with the new URLs.
          </p>
        )}
        <ErrorText error={reauthNeeded ? null : failure} />
      </div>
      <ConfirmDialog
        open={open}
        title="Rotate your key?"
        confirmLabel="Rotate now"
        danger
        busy={rotation.loading.value}
        onConfirm={confirm}
        onCancel={onClose}
      >
        <p>
          You get a new key right away. The current key stops working immediately, and its open proxy sessions are
          closed.
        </p>
        {previous && (
          <p>
            Your previous key{named(previous.secretMask)}, which would have worked until{' '}
            {utcDateTime(previous.worksUntil)}, stops working now too. Its unused traffic moves to your new key within a
            few minutes.
          </p>
        )}
        <p>
          Every app and script that uses {previous ? 'either old key' : 'the old key'} must be updated with the new
          URLs.
        </p>
      </ConfirmDialog>
    </>
  );
}
