// Purchase history, newest first, each with its receipt (what was sold, when, for how much, any refund): purchases,
// auto top-ups and the shop's grants each say what they are.
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

/** A grant costs nothing: it says so instead of $0.00. */
const amountText = (p: Purchase) => (p.kind === 'grant' ? 'Free' : formatMoney(p.price, p.currency));

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
          <dd>
            <Breakable text={email} />
          </dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd class="mono">{p.id}</dd>
        </div>
        <div>
          <dt>{purchaseKindText(p)}</dt>
          <dd>{purchaseItemText(p)}</dd>
        </div>
        <div>
          <dt>{p.paidAt ? `${p.kind === 'grant' ? 'Granted' : 'Paid'} ${formatDate(p.paidAt)}` : 'Total'}</dt>
          <dd>{amountText(p)}</dd>
        </div>
        {p.refundedAmount > 0 && (
          <div>
            <dt>Refunded ({p.refundedGb} GB)</dt>
            <dd>−{formatMoney(p.refundedAmount, p.currency)}</dd>
          </div>
        )}
        {p.heldGb > 0 && (
          <div>
            <dt>Held by a dispute</dt>
            <dd>{p.heldGb} GB</dd>
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
