// A confirmation in a native modal <dialog>: focus moves into it, Escape cancels, focus returns afterwards; its
// content exists only while it is open, so a page with a dialog per row holds one set of form fields.

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from '../i18n.ts';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const id = useId();
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={id}
      onCancel={(e) => {
        // Escape: the parent decides (it closes the dialog by passing open={false}).
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={id}>{title}</h2>
      {open && <div class="stack">{children}</div>}
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel} disabled={busy}>
          {t('site.cancel')}
        </button>
        <button type="button" class={danger ? 'danger' : ''} onClick={onConfirm} disabled={busy} aria-busy={busy}>
          {busy ? t('site.working') : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
