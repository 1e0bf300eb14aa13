// Purchase history, newest first, each with its receipt (what was sold, when, for how much, any refund).
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
  const brand = shopConfig().brand;
  return (
    <details>
      <summary>Receipt</summary>
      <dl class="facts receipt">
        <div>
          <dt>Seller</dt>
          <dd>{brand.legal.companyName}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{email}</dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd class="mono">{p.id}</dd>
        </div>
        <div>
          <dt>Item</dt>
          <dd>
            {p.tierName}: {p.gb} GB{p.validityDays ? `, ${p.validityDays} days` : ''}
          </dd>
        </div>
        <div>
          <dt>{p.paidAt ? `Paid ${formatDate(p.paidAt)}` : 'Total'}</dt>
          <dd>{formatMoney(p.price, p.currency)}</dd>
        </div>
        {p.refundedAmount > 0 && (
          <div>
            <dt>Refunded ({p.refundedGb} GB)</dt>
            <dd>−{formatMoney(p.refundedAmount, p.currency)}</dd>
          </div>
        )}
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
    { head: 'Amount', cell: (p) => formatMoney(p.price, p.currency) },
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
