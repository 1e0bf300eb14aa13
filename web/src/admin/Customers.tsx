// Customers: search by email or id, a page at a time; the query lives in the URL so back and reload keep it.
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

export function Customers() {
  const params = queryParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const customers = useResource(
    () =>
      read<CustomersPage>(
        api.admin.customers.$get({ query: { ...(q ? { q } : {}), page: String(page), pageSize: String(PAGE_SIZE) } }),
      ),
    search.value,
  );
  const go = (next: { q?: string; page?: number }) => {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) p.set('q', nq);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
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
            go({ q: draft.trim(), page: 1 });
          }}
        >
          <label for="customer-search" class="visually-hidden">
            Search customers by email or id
          </label>
          <input
            id="customer-search"
            type="search"
            placeholder="Email or customer id"
            value={draft}
            maxLength={200}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit">Search</button>
        </form>
      </search>
      <LoadState state={customers}>
        {(data) => {
          const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
          return (
            <>
              <p class="muted" aria-live="polite">
                {data.total === 0
                  ? 'No customers match.'
                  : `${data.total} customer${data.total === 1 ? '' : 's'}${q ? ` matching “${q}”` : ''}.`}
                {!data.live && ' Usage is unknown right now: the platform could not be asked.'}
              </p>
              {data.customers.length > 0 && (
                <Table caption="Customers, newest first" columns={COLUMNS} rows={data.customers} rowKey={(c) => c.id} />
              )}
              {pages > 1 && (
                <nav class="pager" aria-label="Pages">
                  <button type="button" class="secondary" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
                    Previous
                  </button>
                  <span>
                    Page {page} of {pages}
                  </span>
                  <button
                    type="button"
                    class="secondary"
                    disabled={page >= pages}
                    onClick={() => go({ page: page + 1 })}
                  >
                    Next
                  </button>
                </nav>
              )}
            </>
          );
        }}
      </LoadState>
    </>
  );
}
