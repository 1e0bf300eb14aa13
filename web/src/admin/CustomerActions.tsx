// The operator's actions on one customer (suspend, grant GB, re-run fulfilment, rotate the key, end a rollover's grace,
// resend a sign-in link), each behind a confirmation that says what will happen. `Action` and `useActionFeedback` also serve the
// refund of an order (CustomerOrders.tsx).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AdminActionAnswer, AdminKeyGeneration, CustomerDetail as Detail } from '../../../src/shared/admin.ts';
import { formatDateTime } from '../../../src/shared/format.ts';
import { api, freshIdempotencyKey, RequestError, read } from '../api.ts';
import { Breakable } from '../components/Breakable.tsx';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { Reauth } from '../components/Reauth.tsx';
import { path, search } from '../router.ts';
import { useAction } from '../state/resource.ts';

interface ActionProps {
  label: string;
  /** The dialog's title when it must differ from the button's label (several on one page). */
  title?: string;
  confirmLabel: string;
  /** What will happen, shown in the confirmation. */
  explain: ComponentChildren;
  danger?: boolean;
  children?: ComponentChildren;
  /** Starts the request, or says why the form is not valid yet. */
  run: () => Promise<AdminActionAnswer> | string;
  onDone: (answer: AdminActionAnswer) => void;
  onReauth: () => void;
  /** Called each time the dialog opens (a refund or a rotation takes a fresh idempotency key per opened dialog). */
  onOpen?: () => void;
}

export function Action(props: ActionProps) {
  const { label, title, confirmLabel, explain, danger, children, run, onDone, onReauth, onOpen } = props;
  const [open, setOpen] = useState(false);
  const action = useAction(async () => {
    const started = run();
    if (typeof started === 'string') throw new Error(started);
    return started;
  });
  const error = action.error.value;
  async function confirm() {
    const answer = await action.run();
    const refused = action.error.peek();
    if (answer) {
      setOpen(false);
      onDone(answer);
    } else if (refused instanceof RequestError && refused.code === 'reauth_required') {
      setOpen(false);
      onReauth();
    }
  }
  function start() {
    action.set(undefined);
    onOpen?.();
    setOpen(true);
  }
  return (
    <>
      <button type="button" class={danger ? 'danger' : 'secondary'} onClick={start}>
        {label}…
      </button>
      <ConfirmDialog
        open={open}
        title={title ?? label}
        confirmLabel={confirmLabel}
        danger={danger}
        busy={action.loading.value}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p>{explain}</p>
        {children}
        <ErrorText error={error} />
      </ConfirmDialog>
    </>
  );
}

/** A whole number typed as text (validated when the action is confirmed). */
function NumberField({
  id,
  label,
  min,
  max,
  required = false,
  value,
  onInput,
}: {
  id: string;
  label: string;
  min: number;
  max: number;
  required?: boolean;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required={required}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

/** What the last action of a section said, and the offer of a fresh sign-in when one needed it. */
export function useActionFeedback(onChanged: () => void) {
  const [message, setMessage] = useState<string | null>(null);
  const [reauth, setReauth] = useState(false);
  const handlers = {
    onDone: (answer: AdminActionAnswer) => {
      setMessage(answer.message);
      onChanged();
    },
    onReauth: () => setReauth(true),
  };
  const feedback = (
    <div aria-live="polite">
      {message && <p class="banner info">{message}</p>}
      {reauth && <Reauth returnTo={path.value + search.value} onDismiss={() => setReauth(false)} />}
    </div>
  );
  return { handlers, feedback };
}

/** The previous keys of a rollover that still work (their grace has not ended), as the confirmations name them. */
function inGrace(d: Detail): { keys: AdminKeyGeneration[]; named: string } {
  const keys = (d.key?.generations ?? []).filter((g) => g.state === 'retiring' && (g.graceUntil ?? 0) > Date.now());
  const named = keys
    .map((g) => `${g.secretMask ?? `generation ${g.generation}`}, until ${formatDateTime(g.graceUntil)}`)
    .join('; ');
  return { keys, named };
}

export function CustomerActions({ d, onChanged }: { d: Detail; onChanged: () => void }) {
  const id = d.customer.id;
  const { handlers: common, feedback } = useActionFeedback(onChanged);
  const [reason, setReason] = useState('');
  const [gb, setGb] = useState('1');
  const [days, setDays] = useState('');
  const [note, setNote] = useState('');
  // One key per opened rotation dialog: a retried confirmation replays the rotation instead of rotating twice.
  const [rotation, setRotation] = useState(() => freshIdempotencyKey('rotate'));
  const param = { param: { id } };
  const ceiling = d.capCeilingGb;
  const suspended = d.customer.suspendedAt !== null;
  const who = (
    <strong>
      <Breakable text={d.customer.email} />
    </strong>
  );
  const grace = inGrace(d);
  return (
    <section aria-labelledby="actions-title" class="stack">
      <h2 id="actions-title">Actions</h2>
      {feedback}
      <div class="action-list">
        {suspended ? (
          <Action
            label="Unsuspend"
            confirmLabel="Lift the suspension"
            explain={<>{who} can buy again, and their key comes back as far as what they paid for allows.</>}
            run={() => read(api.admin.customers[':id'].unsuspend.$post(param))}
            {...common}
          />
        ) : (
          <Action
            label="Suspend"
            danger
            confirmLabel="Suspend now"
            explain={
              <>
                The proxy key of {who} stops working at once and stays off, even if they buy more, until you lift the
                suspension. They cannot start a new purchase.
              </>
            }
            run={() =>
              read(api.admin.customers[':id'].suspend.$post({ ...param, json: { reason: reason.trim() || null } }))
            }
            {...common}
          >
            <div class="field">
              <label for="suspend-reason">Reason (shown to the customer)</label>
              <input
                id="suspend-reason"
                maxLength={500}
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </div>
          </Action>
        )}
        <Action
          label="Grant free GB"
          confirmLabel="Grant"
          explain="Recorded as a free purchase; the key's cap rises by this much. Leave the days empty to keep the current expiry (or 30 days if the key has none left)."
          run={() => {
            const n = Number(gb);
            if (!Number.isInteger(n) || n < 1 || n > ceiling) return `Enter a whole number of GB from 1 to ${ceiling}.`;
            const extra = days.trim() === '' ? undefined : Number(days);
            if (extra !== undefined && (!Number.isInteger(extra) || extra < 0 || extra > 3650))
              return 'Days must be a whole number from 0 to 3650.';
            return read(
              api.admin.customers[':id'].grant.$post({
                ...param,
                json: { gb: n, ...(extra !== undefined ? { validityDays: extra } : {}), note: note.trim() || null },
              }),
            );
          }}
          {...common}
        >
          <div class="field-row">
            <NumberField id="grant-gb" label="GB" min={1} max={ceiling} required value={gb} onInput={setGb} />
            <NumberField
              id="grant-days"
              label="Extra days (optional)"
              min={0}
              max={3650}
              value={days}
              onInput={setDays}
            />
          </div>
          <div class="field">
            <label for="grant-note">Note (for the audit log)</label>
            <input id="grant-note" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
        </Action>
        <Action
          label="Re-run fulfilment"
          confirmLabel="Re-run now"
          explain="Asks Stripe about recent unfinished checkouts, then makes the proxy key match what was paid for, right away."
          run={() => read(api.admin.customers[':id'].refulfil.$post(param))}
          {...common}
        />
        {d.key?.upstreamId && (
          <Action
            label="Rotate key"
            danger
            confirmLabel="Rotate now"
            explain={
              <>
                {who} gets a new proxy key secret at once; the current one stops working immediately and its open
                sessions are closed.
                {grace.keys.length > 0 &&
                  ` Their previous key (${grace.named}) stops working now too, and its unused GB move to the current key within a few minutes.`}{' '}
                They must update their apps with the new URLs from their dashboard. You will not see the new secret.
              </>
            }
            onOpen={() => setRotation(freshIdempotencyKey('rotate'))}
            run={() =>
              read(api.admin.customers[':id']['rotate-key'].$post(param, { headers: { 'Idempotency-Key': rotation } }))
            }
            {...common}
          />
        )}
        {grace.keys.length > 0 && (
          <Action
            label="End grace now"
            title="End the previous key’s grace?"
            danger
            confirmLabel="Switch it off now"
            explain={
              <>
                {who}’s previous key ({grace.named}) stops working now instead of at the end of its grace. Its unused GB
                move to the current key within a few minutes, as they would have at the end of the grace. The current
                key is not changed.
              </>
            }
            run={() => read(api.admin.customers[':id']['end-grace'].$post(param))}
            {...common}
          />
        )}
        <Action
          label="Resend sign-in link"
          confirmLabel="Send the link"
          explain={<>Emails {who} a fresh sign-in link (the usual limits apply: 5 a minute, 10 a day).</>}
          run={() => read(api.admin.customers[':id']['resend-sign-in'].$post(param))}
          {...common}
        />
      </div>
    </section>
  );
}
