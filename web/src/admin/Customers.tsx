// Customers: search by email or id, a page at a time; the query lives in the URL so back and reload keep it.
import { useEffect, useState } from 'preact/hooks';
import type { CustomersPage } from '../../../src/shared/admin.ts';
import { formatDate, formatGb, formatMoneyByCurrency } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { navigate, search } from '../router.ts';
import { ExportLinks, LoadState, queryParams, StatusBadge, useLoad } from './ui.tsx';

const PAGE_SIZE = 25;

export function Customers() {
  const params = queryParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const state = useLoad(
    () =>
      read<CustomersPage>(
        api.admin.customers.$get({ query: { ...(q ? { q } : {}), page: String(page), pageSize: String(PAGE_SIZE) } }),
      ),
    [search.value],
  );
  const go = (next: { q?: string; page?: number }) => {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) p.set('q', nq);
    if ((next.page ?? 1) > 1) p.set('page', String(next.page));
    const qs = p.toString();
    navigate(`/admin/customers${qs ? `?${qs}` : ''}`);
  };
  const data = state.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <>
      <div class="page-head">
        <h1>Customers</h1>
        <ExportLinks />
      </div>
      <form
        role="search"
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
      <LoadState state={state}>
        {data && (
          <>
            <p class="muted" aria-live="polite">
              {data.total === 0
                ? 'No customers match.'
                : `${data.total} customer${data.total === 1 ? '' : 's'}${q ? ` matching “${q}”` : ''}.`}
              {!data.live && ' Usage is unknown right now: the platform could not be asked.'}
            </p>
            {data.customers.length > 0 && (
              <div class="table-scroll">
                <table>
                  <caption class="visually-hidden">Customers, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Status</th>
                      <th scope="col">Purchases</th>
                      <th scope="col">Spent</th>
                      <th scope="col">Used / cap</th>
                      <th scope="col">Expires</th>
                      <th scope="col">Joined</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.customers.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <a href={`/admin/customers/${c.id}`}>{c.email}</a>
                        </td>
                        <td>
                          <StatusBadge status={c.status} />
                        </td>
                        <td>{c.purchases}</td>
                        <td>{formatMoneyByCurrency(c.spent)}</td>
                        <td>
                          {formatGb(c.usedGb)} / {formatGb(c.capGb)}
                        </td>
                        <td>{formatDate(c.expiresAt)}</td>
                        <td>{formatDate(c.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {pages > 1 && (
              <nav class="pager" aria-label="Pages">
                <button type="button" class="secondary" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
                  Previous
                </button>
                <span>
                  Page {page} of {pages}
                </span>
                <button type="button" class="secondary" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
                  Next
                </button>
              </nav>
            )}
          </>
        )}
      </LoadState>
    </>
  );
}
