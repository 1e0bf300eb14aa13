// The shop's audit log, newest first, filtered by customer or action, one page at a time.
import { useState } from 'preact/hooks';
import type { AuditPage, AuditView } from '../../../src/shared/admin.ts';
import { formatDateTime } from '../../../src/shared/format.ts';
import { api, read } from '../api.ts';
import { navigate, search } from '../router.ts';
import { LoadState, queryParams, useLoad } from './ui.tsx';

const PAGE = 50;

export function AuditLog() {
  const params = queryParams();
  const customerId = params.get('customerId') ?? '';
  const action = params.get('action') ?? '';
  const [older, setOlder] = useState<{ entries: AuditView[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ customerId, action });
  const filters = { ...(customerId ? { customerId } : {}), ...(action ? { action } : {}) };
  const state = useLoad(async () => {
    setOlder(null);
    return read<AuditPage>(api.admin.audit.$get({ query: { ...filters, limit: String(PAGE) } }));
  }, [search.value]);

  const entries = [...(state.data?.entries ?? []), ...(older?.entries ?? [])];
  const next = older ? older.next : (state.data?.next ?? null);

  async function loadMore() {
    if (!next) return;
    setMoreError(null);
    try {
      const page = await read<AuditPage>(
        api.admin.audit.$get({ query: { ...filters, limit: String(PAGE), before: next } }),
      );
      setOlder({ entries: [...(older?.entries ?? []), ...page.entries], next: page.next });
    } catch (err) {
      setMoreError((err as Error).message);
    }
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
        <div class="field">
          <label for="audit-customer">Customer id</label>
          <input
            id="audit-customer"
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
      <LoadState state={state}>
        {entries.length === 0 ? (
          <p class="muted">No entries.</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td class="break">{e.actor}</td>
                    <td>{e.action}</td>
                    <td>
                      {e.customerId ? (
                        <a href={`/admin/customers/${e.customerId}`}>{e.customerId.slice(0, 8)}…</a>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td class="mono break">{e.detail ? JSON.stringify(e.detail) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next && (
          <button type="button" class="secondary" onClick={loadMore}>
            Older entries
          </button>
        )}
        {moreError && (
          <p role="alert" class="error-text">
            {moreError}
          </p>
        )}
      </LoadState>
    </>
  );
}
