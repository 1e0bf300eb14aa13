// Customers: search by the start of an email or an id, a page at a time (older and newer pages by cursor, so the
// hundredth page costs what the first does); the query lives in the URL so back and reload keep it.
import { useEffect, useState } from 'preact/hooks';
import type { CustomerRow, CustomersPage } from '../../../src/shared/admin.ts';
import { formatDate, formatGb, formatMoneyByCurrency } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { Breakable } from '../components/Breakable.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { navigate, search } from '../router.ts';
import { useResource } from '../state/resource.ts';
import { ExportLinks, queryParams, StatusBadge } from './ui.tsx';

const PAGE_SIZE = 25;

const COLUMNS: Column<CustomerRow>[] = [
  {
    head: 'Email',
    cell: (c) => (
      <a href={`/admin/customers/${c.id}`}>
        <Breakable text={c.email} />
      </a>
    ),
  },
  { head: 'Status', cell: (c) => <StatusBadge status={c.status} /> },
  { head: 'Purchases', cell: (c) => c.purchases },
  { head: 'Spent', cell: (c) => formatMoneyByCurrency(c.spent) },
  { head: 'Used / cap', cell: (c) => `${formatGb(c.usedGb)} / ${formatGb(c.capGb)}` },
  { head: 'Expires', cell: (c) => formatDate(c.expiresAt) },
  { head: 'Joined', cell: (c) => formatDate(c.createdAt) },
];

type Position = { before?: string; after?: string };

export function Customers() {
  const params = queryParams();
  const q = params.get('q') ?? '';
  const before = params.get('before');
  const after = params.get('after');
  const position: Position = before ? { before } : after ? { after } : {};
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const customers = useResource(
    () =>
      read<CustomersPage>(
        api.admin.customers.$get({ query: { ...(q ? { q } : {}), ...position, pageSize: String(PAGE_SIZE) } }),
      ),
    search.value,
  );
  const go = (next: { q?: string } & Position) => {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) p.set('q', nq);
    if (next.before) p.set('before', next.before);
    if (next.after) p.set('after', next.after);
    const qs = p.toString();
    navigate(`/admin/customers${qs ? `?${qs}` : ''}`);
  };

  return (
    <>
      <div class="page-head">
        <h1>Customers</h1>
        <ExportLinks />
      </div>
      <search>
        <form
          class="search-row"
          onSubmit={(e) => {
            e.preventDefault();
            go({ q: draft.trim() });
          }}
        >
          <label for="customer-search" class="visually-hidden">
            Search customers by the start of their email, or their id
          </label>
          <input
            id="customer-search"
            type="search"
            placeholder="Start of an email, or a customer id"
            value={draft}
            maxLength={200}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit">Search</button>
        </form>
      </search>
      <LoadState state={customers}>
        {(data) => (
          <>
            <p class="muted" aria-live="polite">
              {data.total === null
                ? data.customers.length === 0 && 'No customers yet.'
                : data.total === 0
                  ? 'No customers match.'
                  : `${data.total} customer${data.total === 1 ? '' : 's'} matching “${q}”.`}
            </p>
            {data.customers.length > 0 && (
              <Table caption="Customers, newest first" columns={COLUMNS} rows={data.customers} rowKey={(c) => c.id} />
            )}
            {(data.prev || data.next) && (
              <nav class="pager" aria-label="Pages">
                <button
                  type="button"
                  class="secondary"
                  disabled={!data.prev}
                  onClick={() => data.prev && go({ after: data.prev })}
                >
                  Newer
                </button>
                <button
                  type="button"
                  class="secondary"
                  disabled={!data.next}
                  onClick={() => data.next && go({ before: data.next })}
                >
                  Older
                </button>
              </nav>
            )}
          </>
        )}
      </LoadState>
    </>
  );
}
