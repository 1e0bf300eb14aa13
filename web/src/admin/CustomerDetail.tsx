// One customer: who they are, their key (the shop's record and the platform's view), purchases, audit trail,
// and the operator's actions, each behind a confirmation step.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AdminActionAnswer, CustomerDetail as Detail } from '../../../src/shared/admin.ts';
import { formatDate, formatDateTime, formatGb, formatMoney } from '../../../src/shared/format.ts';
import { api, RequestError, read } from '../api.ts';
import { ConfirmDialog } from '../components/Dialog.tsx';
import { LoadState, Reauth, StatusBadge, useLoad } from './ui.tsx';

interface ActionProps {
  label: string;
  confirmLabel: string;
  /** What will happen, shown in the confirmation. */
  explain: string;
  danger?: boolean;
  children?: ComponentChildren;
  /** Returns null when the form is not valid yet (with the message to show). */
  run: () => Promise<AdminActionAnswer> | string;
  onDone: (answer: AdminActionAnswer) => void;
  onReauth: () => void;
}

function Action({ label, confirmLabel, explain, danger, children, run, onDone, onReauth }: ActionProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    const started = run();
    if (typeof started === 'string') return setError(started);
    setBusy(true);
    setError(null);
    try {
      onDone(await started);
      setOpen(false);
    } catch (err) {
      if (err instanceof RequestError && err.code === 'reauth_required') {
        setOpen(false);
        onReauth();
      } else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" class={danger ? 'danger' : 'secondary'} onClick={() => (setError(null), setOpen(true))}>
        {label}…
      </button>
      <ConfirmDialog
        open={open}
        title={label}
        confirmLabel={confirmLabel}
        danger={danger}
        busy={busy}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p>{explain}</p>
        {children}
        {error && (
          <p role="alert" class="error-text">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function Actions({ d, onChanged }: { d: Detail; onChanged: () => void }) {
  const id = d.customer.id;
  const [message, setMessage] = useState<string | null>(null);
  const [reauth, setReauth] = useState(false);
  const [reason, setReason] = useState('');
  const [gb, setGb] = useState('1');
  const [days, setDays] = useState('');
  const [note, setNote] = useState('');
  const common = {
    onDone: (answer: AdminActionAnswer) => {
      setMessage(answer.message);
      onChanged();
    },
    onReauth: () => setReauth(true),
  };
  const param = { param: { id } };
  const suspended = d.customer.suspendedAt !== null;
  return (
    <section aria-labelledby="actions-title" class="stack">
      <h2 id="actions-title">Actions</h2>
      <div aria-live="polite">
        {message && <p class="banner info">{message}</p>}
        {reauth && <Reauth onDismiss={() => setReauth(false)} />}
      </div>
      <div class="action-list">
        {suspended ? (
          <Action
            label="Unsuspend"
            confirmLabel="Lift the suspension"
            explain={`${d.customer.email} can buy again, and their key comes back as far as what they paid for allows.`}
            run={() => read(api.admin.customers[':id'].unsuspend.$post(param))}
            {...common}
          />
        ) : (
          <Action
            label="Suspend"
            danger
            confirmLabel="Suspend now"
            explain={`${d.customer.email}'s proxy key stops working at once and stays off, even if they buy more, until you lift the suspension. They cannot start a new purchase.`}
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
            if (!Number.isInteger(n) || n < 1 || n > 1000) return 'Enter a whole number of GB from 1 to 1000.';
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
            <div class="field">
              <label for="grant-gb">GB</label>
              <input
                id="grant-gb"
                type="number"
                inputMode="numeric"
                min={1}
                max={1000}
                step={1}
                required
                value={gb}
                onInput={(e) => setGb(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="grant-days">Extra days (optional)</label>
              <input
                id="grant-days"
                type="number"
                inputMode="numeric"
                min={0}
                max={3650}
                step={1}
                value={days}
                onInput={(e) => setDays(e.currentTarget.value)}
              />
            </div>
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
            explain={`${d.customer.email} gets a new proxy key secret at once; the current one stops working immediately and its open sessions are closed. They must update their apps with the new URLs from their dashboard. You will not see the new secret.`}
            run={() => read(api.admin.customers[':id']['rotate-key'].$post(param))}
            {...common}
          />
        )}
        <Action
          label="Resend sign-in link"
          confirmLabel="Send the link"
          explain={`Emails ${d.customer.email} a fresh sign-in link (the usual limits apply: 5 a minute, 10 a day).`}
          run={() => read(api.admin.customers[':id']['resend-sign-in'].$post(param))}
          {...common}
        />
      </div>
    </section>
  );
}

function KeyState({ d }: { d: Detail }) {
  const k = d.key;
  if (!k) return <p class="muted">No proxy key: nothing bought or granted yet.</p>;
  const up = k.upstream;
  return (
    <div class="grid">
      <div class="card">
        <h3>Shop’s record</h3>
        <dl class="facts">
          <div>
            <dt>Key</dt>
            <dd class="mono">{k.secretMask ?? '—'}</dd>
          </div>
          <div>
            <dt>Cap</dt>
            <dd>{formatGb(k.capGb)}</dd>
          </div>
          <div>
            <dt>Expires</dt>
            <dd>{formatDateTime(k.expiresAt)}</dd>
          </div>
          <div>
            <dt>Enabled</dt>
            <dd>{k.enabled === null ? '—' : k.enabled ? 'Yes' : 'No'}</dd>
          </div>
          <div>
            <dt>Sync</dt>
            <dd>
              {k.syncState}
              {k.attempts > 0 && ` (${k.attempts} attempts)`}
            </dd>
          </div>
          {k.lastError && (
            <div>
              <dt>Last error</dt>
              <dd class="mono">{k.lastError}</dd>
            </div>
          )}
        </dl>
      </div>
      <div class="card">
        <h3>Platform</h3>
        <dl class="facts">
          {up ? (
            <>
              <div>
                <dt>Enabled</dt>
                <dd>{up.enabled ? 'Yes' : 'No'}</dd>
              </div>
              <div>
                <dt>Used / cap</dt>
                <dd>
                  {formatGb(up.usedGb)} / {formatGb(up.capGb)}
                </dd>
              </div>
              <div>
                <dt>Expires</dt>
                <dd>
                  {formatDateTime(up.expiresAt)}
                  {up.isExpired && ' (expired)'}
                </dd>
              </div>
              <div>
                <dt>Last used</dt>
                <dd>{formatDateTime(up.lastUsedAt)}</dd>
              </div>
            </>
          ) : (
            <p class="muted">{k.upstreamError ?? 'No key on the platform yet.'}</p>
          )}
        </dl>
      </div>
    </div>
  );
}

export function CustomerDetail({ id }: { id: string }) {
  const state = useLoad(() => read<Detail>(api.admin.customers[':id'].$get({ param: { id } })), [id]);
  const d = state.data;
  return (
    <>
      <p>
        <a href="/admin/customers">← Customers</a>
      </p>
      <LoadState state={state}>
        {d && (
          <div class="stack">
            <div class="page-head">
              <h1 class="break">{d.customer.email}</h1>
              <StatusBadge status={d.status} />
            </div>
            <p class="muted">
              Customer since {formatDate(d.customer.createdAt)} · last sign-in {formatDateTime(d.customer.lastSignInAt)}{' '}
              · {d.customer.activeSessions} active session
              {d.customer.activeSessions === 1 ? '' : 's'} · id <span class="mono">{d.customer.id}</span>
            </p>
            {d.customer.suspendedAt && (
              <p class="banner warn">
                Suspended {formatDateTime(d.customer.suspendedAt)}
                {d.customer.suspendedReason ? `: ${d.customer.suspendedReason}` : ''}
              </p>
            )}
            <Actions d={d} onChanged={state.reload} />
            <section aria-labelledby="key-title">
              <h2 id="key-title">Proxy key</h2>
              <KeyState d={d} />
            </section>
            <section aria-labelledby="orders-title">
              <h2 id="orders-title">Purchases and grants</h2>
              {d.orders.length === 0 ? (
                <p class="muted">None.</p>
              ) : (
                <div class="table-scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Date</th>
                        <th scope="col">What</th>
                        <th scope="col">GB</th>
                        <th scope="col">Price</th>
                        <th scope="col">Status</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.orders.map((o) => (
                        <tr key={o.id}>
                          <td>{formatDateTime(o.paidAt ?? o.createdAt)}</td>
                          <td>
                            {o.kind === 'grant' ? 'Grant' : o.tierName}
                            {o.validityDays !== null && <span class="muted"> · {o.validityDays} days</span>}
                          </td>
                          <td>
                            {o.gb}
                            {o.refundedGb > 0 && <span class="muted"> (−{o.refundedGb} refunded)</span>}
                          </td>
                          <td>
                            {formatMoney(o.price, o.currency)}
                            {o.refundedAmount > 0 && (
                              <span class="muted"> (−{formatMoney(o.refundedAmount, o.currency)})</span>
                            )}
                          </td>
                          <td>{o.status}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section aria-labelledby="trail-title">
              <h2 id="trail-title">Audit trail</h2>
              <div class="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Who</th>
                      <th scope="col">What</th>
                      <th scope="col">Details</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.audit.map((e) => (
                      <tr key={e.id}>
                        <td>{formatDateTime(e.at)}</td>
                        <td class="break">{e.actor}</td>
                        <td>{e.action}</td>
                        <td class="mono break">{e.detail ? JSON.stringify(e.detail) : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {d.key && d.key.upstreamAudit.length > 0 && (
                <details>
                  <summary>Platform events of this key ({d.key.upstreamAudit.length})</summary>
                  <ul>
                    {d.key.upstreamAudit.map((e, i) => (
                      <li key={i}>
                        {formatDateTime(e.at)} · {e.action}
                        {e.authMethod && <span class="muted"> ({e.authMethod})</span>}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </section>
          </div>
        )}
      </LoadState>
    </>
  );
}
