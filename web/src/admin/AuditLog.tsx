// The shop's audit log, newest first, filtered by customer or action, one page at a time.
import { useState } from 'preact/hooks';
import type { AuditPage, AuditView } from '../../../src/shared/admin.ts';
import { formatDateTime } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { Breakable } from '../components/Breakable.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { navigate, search } from '../router.ts';
import { useAction, useResource } from '../state/resource.ts';
import { queryParams } from './ui.tsx';

const PAGE = 50;

/** Who did it, in people's words: an operator's or the customer's address (not `customer:<id>`), or the shop. */
function Who({ e }: { e: AuditView }) {
  const [kind, rest = ''] = e.actor.split(/:(.*)/s);
  const [role, name] =
    kind === 'admin'
      ? ['Operator', rest]
      : kind === 'customer'
        ? ['Customer', rest === e.customerId && e.customerEmail ? e.customerEmail : rest]
        : ['Shop', e.actor];
  return (
    <>
      <span class="kind">{role}</span>
      <span>
        <Breakable text={name} />
      </span>
    </>
  );
}

/** When, who, what and the details: the customer's own audit trail shows these; the log adds the customer. */
export const AUDIT_COLUMNS: Column<AuditView>[] = [
  { head: 'When', cell: (e) => formatDateTime(e.at) },
  { head: 'Who', tokens: true, cell: (e) => <Who e={e} /> },
  // Action names are short: one line each, never broken at their dot.
  { head: 'What', class: 'nowrap', cell: (e) => e.action },
  { head: 'Details', class: 'mono', tokens: true, cell: (e) => (e.detail ? JSON.stringify(e.detail) : '') },
];

const LOG_COLUMNS: Column<AuditView>[] = [
  ...AUDIT_COLUMNS.slice(0, 3),
  {
    head: 'Customer',
    tokens: true,
    cell: (e) =>
      e.customerId ? (
        <a href={`/admin/customers/${e.customerId}`}>
          <Breakable text={e.customerEmail ?? e.customerId} />
        </a>
      ) : (
        '—'
      ),
  },
  ...AUDIT_COLUMNS.slice(3),
];

export function AuditLog() {
  const params = queryParams();
  const customerId = params.get('customerId') ?? '';
  const action = params.get('action') ?? '';
  const [older, setOlder] = useState<AuditPage[]>([]);
  const [draft, setDraft] = useState({ customerId, action });
  const filters = { ...(customerId ? { customerId } : {}), ...(action ? { action } : {}), limit: String(PAGE) };
  const first = useResource(() => {
    setOlder([]);
    return read<AuditPage>(api.admin.audit.$get({ query: filters }));
  }, search.value);
  const more = useAction((before: string) => read<AuditPage>(api.admin.audit.$get({ query: { ...filters, before } })));
  const next = (older.at(-1) ?? first.data.value)?.next ?? null;

  async function loadMore(before: string) {
    const page = await more.run(before);
    if (page) setOlder([...older, page]);
  }

  return (
    <>
      <h1>Audit log</h1>
      <form
        class="search-row"
        onSubmit={(e) => {
          e.preventDefault();
          const p = new URLSearchParams();
          if (draft.customerId.trim()) p.set('customerId', draft.customerId.trim());
          if (draft.action.trim()) p.set('action', draft.action.trim());
          const qs = p.toString();
          navigate(`/admin/audit${qs ? `?${qs}` : ''}`);
        }}
      >
        <div class="field id-field">
          <label for="audit-customer">Customer id</label>
          <input
            id="audit-customer"
            class="mono"
            placeholder="e.g. 3f0c2a9e-…"
            value={draft.customerId}
            onInput={(e) => setDraft({ ...draft, customerId: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="audit-action">Action</label>
          <input
            id="audit-action"
            placeholder="e.g. admin.suspend"
            value={draft.action}
            onInput={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
          />
        </div>
        <button type="submit">Filter</button>
      </form>
      <LoadState state={first}>
        {(page) => {
          const entries = [page, ...older].flatMap((p) => p.entries);
          return (
            <>
              {entries.length === 0 ? (
                <p class="muted">No entries.</p>
              ) : (
                <Table
                  caption="Audit entries, newest first"
                  columns={LOG_COLUMNS}
                  rows={entries}
                  rowKey={(e) => e.id}
                />
              )}
              {next && (
                <button type="button" class="secondary" onClick={() => loadMore(next)} disabled={more.loading.value}>
                  Older entries
                </button>
              )}
              <ErrorText error={more.error.value} />
            </>
          );
        }}
      </LoadState>
    </>
  );
}
