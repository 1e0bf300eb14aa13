// One customer's auto top-up as the operator sees it: on or off, the choice, a pause and why, the latest charges, in
// words (a debit the bank is still processing, a charge Stripe refused and why to look in the audit log).

import { formatDateTime, formatMoney } from '../../../src/shared/format.ts';
import type { AutoTopUpCharge, AutoTopUpPause, AutoTopUpView } from '../../../src/shared/refill.ts';
import { api, read } from '../api.ts';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { useResource } from '../state/resource.ts';

const STATE: Record<AutoTopUpCharge['state'], string> = {
  charging: 'Waiting for Stripe’s answer',
  processing: 'The bank is processing the debit (days)',
  succeeded: 'Paid',
  failed: 'Not paid',
  skipped: 'Not charged',
};

const WHY: Record<AutoTopUpPause | 'cap_ceiling' | 'abandoned', string> = {
  authentication_required: 'the bank wants the customer to confirm it',
  card_declined: 'the card was declined',
  no_card: 'no card saved yet',
  payment_failed: 'the payment failed, or Stripe refused it (the audit log says why)',
  cap_ceiling: 'it would have passed the cap ceiling',
  abandoned: 'the card or the order was gone',
};
const why = (failure: string | null) =>
  failure ? (WHY[failure as keyof typeof WHY] ?? failure.replaceAll('_', ' ')) : '';

const CHARGE_COLUMNS: Column<AutoTopUpCharge>[] = [
  { head: 'Created', cell: (ch) => formatDateTime(ch.createdAt), rowHeader: true },
  {
    head: 'Amount',
    cell: (ch) =>
      `${formatMoney(ch.amount + ch.tax, ch.currency)}${ch.tax ? ` (tax ${formatMoney(ch.tax, ch.currency)})` : ''}`,
  },
  { head: 'State', cell: (ch) => STATE[ch.state] },
  { head: 'Why', cell: (ch) => why(ch.failure) },
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
          Paused {formatDateTime(view.paused.since)}: {why(view.paused.reason)}. The customer was mailed a link to pay
          once, which resumes it.
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
