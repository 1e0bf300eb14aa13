// One customer: who they are, their key (the shop's record and the platform's view), purchases (with refunds),
// disputes, audit trail, and the operator's actions, each behind a confirmation step.
import type { CustomerDetail as Detail } from '../../../src/shared/admin.ts';
import { api, read } from '../api.ts';
import { Actions } from './CustomerActions.tsx';
import { DisputeFlag, Disputes, Orders } from './CustomerOrders.tsx';
import { fmtDate, fmtDateTime, fmtGb, LoadState, StatusBadge, useLoad } from './ui.tsx';

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
            <dd>{fmtGb(k.capGb)}</dd>
          </div>
          <div>
            <dt>Expires</dt>
            <dd>{fmtDateTime(k.expiresAt)}</dd>
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
                  {fmtGb(up.usedGb)} / {fmtGb(up.capGb)}
                </dd>
              </div>
              <div>
                <dt>Expires</dt>
                <dd>
                  {fmtDateTime(up.expiresAt)}
                  {up.isExpired && ' (expired)'}
                </dd>
              </div>
              <div>
                <dt>Last used</dt>
                <dd>{fmtDateTime(up.lastUsedAt)}</dd>
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
              Customer since {fmtDate(d.customer.createdAt)} · last sign-in {fmtDateTime(d.customer.lastSignInAt)} ·{' '}
              {d.customer.activeSessions} active session
              {d.customer.activeSessions === 1 ? '' : 's'} · id <span class="mono">{d.customer.id}</span>
            </p>
            {d.customer.suspendedAt && (
              <p class="banner warn">
                Suspended {fmtDateTime(d.customer.suspendedAt)}
                {d.customer.suspendedReason ? `: ${d.customer.suspendedReason}` : ''}
              </p>
            )}
            <DisputeFlag d={d} />
            <Actions d={d} onChanged={state.reload} />
            <section aria-labelledby="key-title">
              <h2 id="key-title">Proxy key</h2>
              <KeyState d={d} />
            </section>
            <Orders d={d} onChanged={state.reload} />
            <Disputes d={d} />
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
                        <td>{fmtDateTime(e.at)}</td>
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
                        {fmtDateTime(e.at)} · {e.action}
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
