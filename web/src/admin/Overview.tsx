// The console's front page: the shop's figures, what needs a look, and the platform's health.

import { useEffect, useState } from 'preact/hooks';
import type {
  FulfilmentIssue,
  KeyAttention,
  OpenDispute,
  Overview as OverviewData,
} from '../../../src/shared/admin.ts';
import {
  formatDate,
  formatDateTime,
  formatGb,
  formatMoney,
  formatMoneyByCurrency,
} from '../../../src/shared/format.ts';
import { Breakable } from '../components/Breakable.tsx';
import { ColumnChart } from '../components/Charts.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { consoleOverview } from '../state/console.ts';
import { resource } from '../state/resource.ts';
import { BarList } from './BarList.tsx';
import { takeOverview } from './handover.ts';
import { disputeReason, ExportLinks } from './ui.tsx';

const WHY: Record<KeyAttention['why'], string> = {
  at_cap: 'All traffic used',
  near_cap: 'Near its cap',
  expiring: 'Expires soon',
  expired: 'Expired',
};

function Stat({ label, value, note }: { label: string; value: string | number; note?: string }) {
  return (
    <div class="stat card">
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong>
        {note && <span class="muted stat-note">{note}</span>}
      </dd>
    </div>
  );
}

/** Mail is failing: customers cannot sign in, so it leads the page. */
function MailFailing({ mail }: { mail: OverviewData['mail'] }) {
  if (mail.ok) return null;
  return (
    <div class="banner danger" role="status">
      <p>
        <strong>Emails are not leaving the shop</strong> ({mail.reason ?? 'unknown reason'}
        {mail.lastFailureAt ? `, last failed ${formatDateTime(mail.lastFailureAt)}` : ''}): customers asking for a
        sign-in link get “try again in a few minutes”. Check the mail transport (README → Deploy → Mail); a resend from
        a customer’s page tries it again.
      </p>
    </div>
  );
}

function Figures({ o }: { o: OverviewData }) {
  const currency = o.revenueByDay.currency;
  const last30 = o.revenueByDay.days.reduce((sum, d) => sum + d.amount, 0);
  const dayPoints = o.revenueByDay.days.map((d) => ({
    label: d.date,
    value: d.amount,
    display: `${formatMoney(d.amount, currency)} (${d.orders} orders)`,
  }));
  const tierPoints = o.revenueByTier.map((t) => ({
    label: `${t.tierName}${t.currency !== currency ? ` (${t.currency})` : ''}`,
    value: t.amount,
    short: formatMoney(t.amount, t.currency),
    display: `${formatMoney(t.amount, t.currency)} · ${t.orders} order${t.orders === 1 ? '' : 's'} · ${t.gb} GB`,
  }));
  const gbPoints = [
    { label: 'Sold', value: o.gb.sold, display: formatGb(o.gb.sold) },
    { label: 'Granted', value: o.gb.granted, display: formatGb(o.gb.granted) },
    { label: 'Used', value: o.gb.used, display: formatGb(o.gb.used) },
  ];
  return (
    <>
      <dl class="stats">
        <Stat label="Customers" value={o.customers} />
        <Stat label="Paying customers" value={o.payingCustomers} />
        <Stat label="Suspended" value={o.suspendedCustomers} />
        <Stat label="Open disputes" value={o.disputes.open} />
        <Stat label="Revenue (net of refunds)" value={formatMoneyByCurrency(o.revenue)} />
        <Stat
          label="GB sold / used"
          value={`${formatGb(o.gb.sold)} / ${formatGb(o.gb.used)}`}
          note={o.gb.granted ? `+ ${formatGb(o.gb.granted)} granted` : undefined}
        />
        <Stat label="Fulfilments owed" value={`${o.fulfilment.pending} pending · ${o.fulfilment.failed} failed`} />
        <Stat label="Failed payments (30 days)" value={o.fulfilment.failedPayments} />
        <Stat
          label="Dead-lettered emails"
          value={o.deadLetterMail.total}
          note={`${o.deadLetterMail.last7Days} in the last 7 days`}
        />
        <Stat
          label="Mail"
          value={o.mail.ok ? 'Sending' : 'Failing'}
          note={o.mail.lastOkAt ? `last sent ${formatDateTime(o.mail.lastOkAt)}` : 'none sent yet'}
        />
        <Stat
          label="Sign-in emails (last hour)"
          value={`${o.signInMail.lastHour} / ${o.signInMail.perHour}`}
          note={
            o.signInMail.newPaused
              ? 'New addresses wait (LOGIN_MAILS_PER_HOUR); customers and operators still get links'
              : o.signInMail.challenging
                ? 'New addresses must pass the challenge (LOGIN_CHALLENGE_AFTER)'
                : undefined
          }
        />
      </dl>

      <section class="grid">
        <div class="card">
          <ColumnChart
            title="Revenue per day, last 30 days"
            summary={`${formatMoney(last30, currency)} in total`}
            points={dayPoints}
          />
        </div>
        <div class="card">
          <BarList title="Revenue by tier" points={tierPoints} column="Tier" />
          <BarList title="GB sold, granted and used" points={gbPoints} column="Traffic" />
        </div>
      </section>
    </>
  );
}

const customerLink = (row: { customerId: string; email: string }) => (
  <a href={`/admin/customers/${row.customerId}`}>
    <Breakable text={row.email} />
  </a>
);

const ATTENTION_COLUMNS: Column<KeyAttention>[] = [
  { head: 'Customer', cell: customerLink },
  { head: 'Why', cell: (a) => WHY[a.why] },
  { head: 'Used / cap', cell: (a) => `${formatGb(a.usedGb)} / ${formatGb(a.capGb)}` },
  { head: 'Expires', cell: (a) => formatDate(a.expiresAt) },
];

const FULFILMENT_COLUMNS: Column<FulfilmentIssue>[] = [
  { head: 'Customer', cell: customerLink },
  { head: 'State', cell: (f) => f.syncState },
  { head: 'Attempts', cell: (f) => f.attempts },
  { head: 'Last error', class: 'mono', tokens: true, cell: (f) => f.lastError ?? '—' },
  { head: 'Next try', cell: (f) => formatDateTime(f.nextAttemptAt) },
];

const DISPUTE_COLUMNS: Column<OpenDispute>[] = [
  { head: 'Customer', cell: customerLink },
  { head: 'Opened', cell: (d) => formatDateTime(d.createdAt) },
  { head: 'Amount', cell: (d) => formatMoney(d.amount, d.currency) },
  { head: 'Reason', cell: (d) => disputeReason(d.reason) },
  { head: 'GB held', cell: (d) => d.heldGb },
];

function OpenDisputes({ o }: { o: OverviewData }) {
  return (
    <section aria-labelledby="disputes-title">
      <h2 id="disputes-title">Open disputes</h2>
      {o.disputes.list.length === 0 ? (
        <p class="muted">None right now.</p>
      ) : (
        <>
          <p class="muted">
            The disputed GB are held out of these customers' keys until Stripe decides. Answer each in the Stripe
            dashboard before its deadline.
          </p>
          <Table caption="Open disputes" columns={DISPUTE_COLUMNS} rows={o.disputes.list} rowKey={(d) => d.id} />
        </>
      )}
    </section>
  );
}

function Attention({ o }: { o: OverviewData }) {
  return (
    <section aria-labelledby="attention-title">
      <h2 id="attention-title">Keys near their cap or expiry</h2>
      {o.attention.length === 0 ? (
        <p class="muted">None right now.</p>
      ) : (
        <Table
          caption="Keys near their cap or expiry"
          columns={ATTENTION_COLUMNS}
          rows={o.attention}
          rowKey={(a) => a.customerId}
        />
      )}
    </section>
  );
}

function Fulfilment({ o }: { o: OverviewData }) {
  return (
    <section aria-labelledby="fulfil-title">
      <h2 id="fulfil-title">Failed or stuck fulfilments</h2>
      {o.fulfilment.issues.length === 0 ? (
        <p class="muted">None: every paid purchase reached its key.</p>
      ) : (
        <Table
          caption="Failed or stuck fulfilments"
          columns={FULFILMENT_COLUMNS}
          rows={o.fulfilment.issues}
          rowKey={(f) => f.customerId}
        />
      )}
    </section>
  );
}

function Upstream({ o }: { o: OverviewData }) {
  return (
    <section aria-labelledby="upstream-title">
      <h2 id="upstream-title">Proxies.sx platform</h2>
      <p>
        <span class={`status ${o.upstream.ok ? 'status-active' : 'status-retrying'}`}>
          {o.upstream.ok ? 'Reachable' : 'Not reachable'}
        </span>{' '}
        {o.upstream.incidentsStale && <span class="muted">(incidents may be out of date)</span>}
      </p>
      {o.upstream.incidents.length === 0 ? (
        <p class="muted">No active incidents.</p>
      ) : (
        <ul class="incidents">
          {o.upstream.incidents.map((i) => (
            <li key={i.id}>
              <strong>{i.severity}</strong>: {i.title}
              {i.countries.length > 0 && <span class="muted"> · {i.countries.join(', ').toUpperCase()}</span>}
              <span class="muted"> · since {formatDateTime(i.startedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The overview's answer: the one the page was rendered with, if it was, or else asked for. */
function overviewResource() {
  const loaded = resource(consoleOverview);
  const handed = takeOverview();
  if (handed) loaded.set(handed, handed.generatedAt);
  return loaded;
}

export function Overview() {
  const [overview] = useState(overviewResource);
  useEffect(() => {
    if (overview.data.peek() === undefined) void overview.run();
  }, [overview]);
  return (
    <>
      <div class="page-head">
        <h1>Overview</h1>
        <button type="button" class="secondary" onClick={overview.run} disabled={overview.loading.value}>
          Refresh
        </button>
      </div>
      <LoadState state={overview}>
        {(o) => (
          <div class="stack">
            <MailFailing mail={o.mail} />
            <Figures o={o} />
            <OpenDisputes o={o} />
            <Attention o={o} />
            <Fulfilment o={o} />
            <Upstream o={o} />
            <section aria-labelledby="export-title">
              <h2 id="export-title">Export</h2>
              <ExportLinks />
            </section>
          </div>
        )}
      </LoadState>
    </>
  );
}
