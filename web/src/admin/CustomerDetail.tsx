// One customer: who they are, their key (the shop's record and the platform's view), purchases with refunds and
// disputes (CustomerOrders.tsx), audit trail, and the operator's actions (CustomerActions.tsx).
import type { AdminKeyState, CustomerDetail as Detail } from '../../../src/shared/admin.ts';
import { formatDate, formatDateTime, formatGb } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { LoadState } from '../components/LoadState.tsx';
import { Table } from '../components/Table.tsx';
import { useResource } from '../state/resource.ts';
import { AUDIT_COLUMNS } from './AuditLog.tsx';
import { CustomerActions } from './CustomerActions.tsx';
import { DisputeFlag, Disputes, Orders } from './CustomerOrders.tsx';
import { StatusBadge } from './ui.tsx';

/** The platform's own log of this key (it has no ids: the same event can appear twice, so each is keyed by its
 * place in the log, which never reorders). */
function PlatformEvents({ events }: { events: AdminKeyState['upstreamAudit'] }) {
  return (
    <details>
      <summary>Platform events of this key ({events.length})</summary>
      <ul>
        {events.map((e, place) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the platform's events have no id and the list never reorders.
          <li key={place}>
            {formatDateTime(e.at)} · {e.action}
            {e.authMethod && <span class="muted"> ({e.authMethod})</span>}
          </li>
        ))}
      </ul>
    </details>
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
  const detail = useResource(
    (customerId) => read<Detail>(api.admin.customers[':id'].$get({ param: { id: customerId } })),
    id,
  );
  return (
    <>
      <p>
        <a href="/admin/customers">← Customers</a>
      </p>
      <LoadState state={detail}>
        {(d) => (
          <div class="stack">
            <div class="page-head">
              <h1 class="break">{d.customer.email}</h1>
              <StatusBadge status={d.status} />
            </div>
            <p class="muted">
              Customer since {formatDate(d.customer.createdAt)} · last sign-in {formatDateTime(d.customer.lastSignInAt)}{' '}
              · {d.customer.activeSessions} active session{d.customer.activeSessions === 1 ? '' : 's'} · id{' '}
              <span class="mono">{d.customer.id}</span>
            </p>
            {d.customer.suspendedAt && (
              <p class="banner warn">
                Suspended {formatDateTime(d.customer.suspendedAt)}
                {d.customer.suspendedReason ? `: ${d.customer.suspendedReason}` : ''}
              </p>
            )}
            <DisputeFlag d={d} />
            <CustomerActions d={d} onChanged={detail.run} />
            <section aria-labelledby="key-title">
              <h2 id="key-title">Proxy key</h2>
              <KeyState d={d} />
            </section>
            <Orders d={d} onChanged={detail.run} />
            <Disputes d={d} />
            <section aria-labelledby="trail-title">
              <h2 id="trail-title">Audit trail</h2>
              <Table caption="Audit trail" columns={AUDIT_COLUMNS} rows={d.audit} rowKey={(e) => e.id} />
              {d.key && d.key.upstreamAudit.length > 0 && <PlatformEvents events={d.key.upstreamAudit} />}
            </section>
          </div>
        )}
      </LoadState>
    </>
  );
}
