// Purchase history, newest first, each with its receipt (what was sold, when, for how much: any promotion code and
// tax apart, any refund): purchases, auto top-ups and the shop's grants each say what they are.
import type { ComponentChildren } from 'preact';
import {
  type Purchase,
  purchaseAdjustments,
  purchaseItemText,
  purchaseKindText,
  purchaseStatusText,
} from '../../../src/shared/billing.ts';
import { formatDate, formatMoney } from '../../../src/shared/format.ts';
import { Breakable } from '../components/Breakable.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { shopConfig } from '../state/config.ts';
import { listPurchases } from '../state/purchases.ts';
import { useResource } from '../state/resource.ts';

/** What the customer paid, tax included; a grant costs nothing, and says so instead of $0.00. */
const amountText = (p: Purchase) => (p.kind === 'grant' ? 'Free' : formatMoney(p.price + p.tax, p.currency));

function Receipt({ p, email }: { p: Purchase; email: string }) {
  const money = (minor: number) => formatMoney(minor, p.currency);
  const lines: [string, ComponentChildren][] = [
    ['Seller', shopConfig().brand.legal.companyName],
    ['Customer', <Breakable key="email" text={email} />],
    ['Order', p.id],
    [purchaseKindText(p), purchaseItemText(p)],
  ];
  if (p.discount || p.tax) lines.push(['Plan', money(p.price + p.discount)]);
  if (p.discount) lines.push(['Promotion code', `−${money(p.discount)}`]);
  if (p.tax) lines.push(['Tax', money(p.tax)]);
  lines.push([
    p.paidAt ? `${p.kind === 'grant' ? 'Granted' : 'Paid'} ${formatDate(p.paidAt)}` : 'Total',
    amountText(p),
  ]);
  if (p.refundedAmount) lines.push([`Refunded (${p.refundedGb} GB)`, `−${money(p.refundedAmount)}`]);
  if (p.heldGb) lines.push(['Held by a dispute', `${p.heldGb} GB`]);
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
      head: 'What',
      cell: (p) => (
        <>
          <span class="kind">{purchaseKindText(p)}</span> {purchaseItemText(p)}
          <Receipt p={p} email={email} />
        </>
      ),
    },
    { head: 'Amount', cell: amountText },
    {
      head: 'Status',
      cell: (p) => (
        <>
          <span>{purchaseStatusText(p)}</span>
          {purchaseAdjustments(p, (minor) => formatMoney(minor, p.currency)).map((line) => (
            <span key={line} class="muted note">
              {line}
            </span>
          ))}
        </>
      ),
    },
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
