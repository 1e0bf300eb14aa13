// One customer's auto top-up as the operator sees it: on or off, the choice, a pause and why, the latest charges.

import { formatDateTime, formatMoney } from '../../../src/shared/format.ts';
import type { AutoTopUpCharge, AutoTopUpView } from '../../../src/shared/refill.ts';
import { api, read } from '../api.ts';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { useResource } from '../state/resource.ts';

const CHARGE_COLUMNS: Column<AutoTopUpCharge>[] = [
  { head: 'Created', cell: (ch) => formatDateTime(ch.createdAt), rowHeader: true },
  { head: 'Amount', cell: (ch) => formatMoney(ch.amount, ch.currency) },
  { head: 'State', cell: (ch) => ch.state },
  { head: 'Failure', cell: (ch) => ch.failure?.replaceAll('_', ' ') ?? '' },
];

function Summary({ view }: { view: AutoTopUpView }) {
  const c = view.choice;
  if (!view.enabled || !c) return <p class="muted">Off{c ? ' (turned off by the customer)' : ''}.</p>;
  const when = c.trigger === 'gb_left' ? `fewer than ${c.threshold} GB left` : `expiring in under ${c.threshold} days`;
  return (
    <>
      <p>
        On: buys <strong>{c.tierId}</strong> when {when}, up to {formatMoney(c.monthlyLimit, view.currency)} a month ·
        card {view.cardSaved ? 'saved' : 'not saved yet'} · charged this month{' '}
        {formatMoney(view.spentThisMonth, view.currency)}
      </p>
      {view.paused && (
        <p class="banner warn">
          Paused {formatDateTime(view.paused.since)}: {view.paused.reason.replaceAll('_', ' ')}
        </p>
      )}
    </>
  );
}

export function CustomerAutoTopUp({ id }: { id: string }) {
  const view = useResource(
    (customerId) => read(api.admin.customers[':id']['auto-top-up'].$get({ param: { id: customerId } })),
    id,
  );
  return (
    <section aria-labelledby="auto-top-up-title">
      <h2 id="auto-top-up-title">Auto top-up</h2>
      <LoadState state={view}>
        {(v) => (
          <>
            <Summary view={v} />
            {v.charges.length > 0 && (
              <Table caption="Auto top-up charges" columns={CHARGE_COLUMNS} rows={v.charges} rowKey={(ch) => ch.id} />
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
