// One customer: who they are, their keys (KeyState.tsx), purchases with refunds and disputes (CustomerOrders.tsx),
// API tokens (CustomerTokens.tsx), audit trail, and the operator's actions (CustomerActions.tsx).
import type { AdminKeyState, CustomerDetail as Detail } from '../../../src/shared/admin.ts';
import { formatDate, formatDateTime } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { Breakable } from '../components/Breakable.tsx';
import { UsageHistory } from '../components/Charts.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { Table } from '../components/Table.tsx';
import { useResource } from '../state/resource.ts';
import { AUDIT_COLUMNS } from './AuditLog.tsx';
import { CustomerActions } from './CustomerActions.tsx';
import { CustomerAutoTopUp } from './CustomerAutoTopUp.tsx';
import { DisputeFlag, Disputes, Orders, Refunds } from './CustomerOrders.tsx';
import { CustomerTokens } from './CustomerTokens.tsx';
import { KeyState } from './KeyState.tsx';
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
              <h1>
                <Breakable text={d.customer.email} />
              </h1>
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
            {d.key && (
              <section class="traffic" aria-labelledby="traffic-title">
                <h2 id="traffic-title">Traffic per day</h2>
                <UsageHistory
                  load={() => read(api.admin.customers[':id'].usage.$get({ param: { id: d.customer.id } }))}
                  leftMb={d.key.capGb === null || !d.key.upstream ? null : (d.key.capGb - d.key.upstream.usedGb) * 1024}
                  expiresAt={d.key.expiresAt}
                />
              </section>
            )}
            <Orders d={d} onChanged={detail.run} />
            <Refunds d={d} />
            <Disputes d={d} />
            <CustomerAutoTopUp id={d.customer.id} />
            <CustomerTokens d={d} />
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
