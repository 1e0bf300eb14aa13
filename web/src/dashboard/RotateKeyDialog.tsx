// The rotation's confirmation and outcome (a chunk of its own, see RotateKey.tsx): a new secret for the current key,
// its open sessions closed, and a rollover's previous key, still in its grace, switched off too. Rotating needs a
// sign-in from the last 10 minutes; otherwise the card offers a fresh link that brings the customer back here.
import { useEffect, useState } from 'preact/hooks';
import type { EndedPreviousKey } from '../../../src/shared/dashboard.ts';
import { formatDateTime } from '../../../src/shared/format.ts';
import { RequestError } from '../api.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { t } from '../i18n.ts';
import { account, newIdempotencyKey, rotateKey } from '../state/account.ts';
import { announce } from '../state/announce.ts';
import { useAction } from '../state/resource.ts';

const named = (mask: string | null) => (mask ? ` (${mask})` : '');

/** What the rotation did to the previous key of a rollover. */
function endedText(previous: EndedPreviousKey): string {
  const mask = named(previous.secretMask);
  return previous.switchedOff ? t('rotate.previousOff', { mask }) : t('rotate.previousEnding', { mask });
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
    announce(t('rotate.announced'));
  }

  return (
    <>
      <div aria-live="polite">
        {done && !open && (
          <p class="ok-text">
            {[
              done.sessionsClosed ? t('rotate.doneClosed') : t('rotate.done'),
              done.previousKey && endedText(done.previousKey),
              t('rotate.update'),
            ]
              .filter(Boolean)
              .join(' ')}
          </p>
        )}
        <ErrorText error={reauthNeeded ? null : failure} />
      </div>
      <ConfirmDialog
        open={open}
        title={t('rotate.dialogTitle')}
        confirmLabel={t('rotate.confirm')}
        danger
        busy={rotation.loading.value}
        onConfirm={confirm}
        onCancel={onClose}
      >
        <p>{t('rotate.now')}</p>
        {previous && (
          <p>
            {t('rotate.previous', { mask: named(previous.secretMask), until: formatDateTime(previous.worksUntil) })}
          </p>
        )}
        <p>{previous ? t('rotate.updateBoth') : t('rotate.updateOne')}</p>
      </ConfirmDialog>
    </>
  );
}
