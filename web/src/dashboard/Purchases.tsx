// Purchase history, newest first, each with its receipt (what was sold, when, for how much: any promotion code and
// tax apart, any refund).
import type { Purchase } from '../../../src/shared/billing.ts';
import { formatDate, formatMoney } from '../../../src/shared/format.ts';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { shopConfig } from '../state/config.ts';
import { listPurchases } from '../state/purchases.ts';
import { useResource } from '../state/resource.ts';

const STATUS: Record<Purchase['status'], string> = {
  pending: 'Processing',
  paid: 'Paid',
  failed: 'Failed',
  expired: 'Expired',
  refunded: 'Refunded',
};

function Receipt({ p, email }: { p: Purchase; email: string }) {
  const money = (minor: number) => formatMoney(minor, p.currency);
  const lines: [string, string][] = [
    ['Seller', shopConfig().brand.legal.companyName],
    ['Customer', email],
    ['Order', p.id],
    ['Item', `${p.tierName}: ${p.gb} GB${p.validityDays ? `, ${p.validityDays} days` : ''}`],
  ];
  if (p.discount || p.tax) lines.push(['Plan', money(p.price + p.discount)]);
  if (p.discount) lines.push(['Promotion code', `−${money(p.discount)}`]);
  if (p.tax) lines.push(['Tax', money(p.tax)]);
  lines.push([p.paidAt ? `Paid ${formatDate(p.paidAt)}` : 'Total', money(p.price + p.tax)]);
  if (p.refundedAmount) lines.push([`Refunded (${p.refundedGb} GB)`, `−${money(p.refundedAmount)}`]);
  return (
    <details>
      <summary>Receipt</summary>
      <dl class="facts receipt">
        {lines.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd class={term === 'Order' ? 'mono' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function Purchases({ email }: { email: string }) {
  const purchases = useResource(listPurchases);
  const columns: Column<Purchase>[] = [
    { head: 'Date', cell: (p) => formatDate(p.createdAt) },
    {
      head: 'Plan',
      cell: (p) => (
        <>
          {p.tierName} · {p.gb} GB
          <Receipt p={p} email={email} />
        </>
      ),
    },
    { head: 'Amount', cell: (p) => formatMoney(p.price + p.tax, p.currency) },
    { head: 'Status', cell: (p) => STATUS[p.status] },
  ];
  return (
    <section class="card" aria-labelledby="purchases-title" aria-busy={purchases.loading.value}>
      <h2 id="purchases-title">Purchases</h2>
      <LoadState state={purchases} loading="Loading purchases…">
        {(list) =>
          list.length === 0 ? (
            <p class="muted">No purchases yet.</p>
          ) : (
            <Table caption="Purchases, newest first" columns={columns} rows={list} rowKey={(p) => p.id} />
          )
        }
      </LoadState>
    </section>
  );
}
