// Purchase history, newest first, each with its receipt (what was sold, when, for how much: any promotion code and
// tax apart, any refund): purchases, auto top-ups and the shop's grants each say what they are.
import type { ComponentChildren } from 'preact';
import type { Purchase } from '../../../src/shared/billing.ts';
import { formatDate, formatGb, formatMoney } from '../../../src/shared/format.ts';
import { Breakable } from '../components/Breakable.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { type Column, Table } from '../components/Table.tsx';
import { t } from '../i18n.ts';
import { purchaseAdjustments, purchaseItemText, purchaseKindText, purchaseStatusText } from '../purchase-words.ts';
import { shopConfig } from '../state/config.ts';
import { listPurchases } from '../state/purchases.ts';
import { useResource } from '../state/resource.ts';

/** What the customer paid, tax included; a grant costs nothing, and says so instead of $0.00. */
const amountText = (p: Purchase) =>
  p.kind === 'grant' ? t('purchases.free') : formatMoney(p.price + p.tax, p.currency);

function Receipt({ p, email }: { p: Purchase; email: string }) {
  const money = (minor: number) => formatMoney(minor, p.currency);
  const lines: [string, ComponentChildren][] = [
    [t('purchases.seller'), shopConfig().brand.legal.companyName],
    [t('purchases.customer'), <Breakable key="email" text={email} />],
    [
      t('purchases.order'),
      <span key="order" class="mono">
        {p.id}
      </span>,
    ],
    [purchaseKindText(p), purchaseItemText(p)],
  ];
  if (p.discount || p.tax) lines.push([t('purchases.plan'), money(p.price + p.discount)]);
  if (p.discount) lines.push([t('purchases.promotion'), `−${money(p.discount)}`]);
  if (p.tax) lines.push([t('purchases.tax'), money(p.tax)]);
  const on = p.paidAt && formatDate(p.paidAt);
  lines.push([
    on
      ? p.kind === 'grant'
        ? t('purchases.grantedOn', { date: on })
        : t('purchases.paidOn', { date: on })
      : t('purchases.total'),
    amountText(p),
  ]);
  if (p.refundedAmount)
    lines.push([t('purchases.refunded', { traffic: formatGb(p.refundedGb) }), `−${money(p.refundedAmount)}`]);
  if (p.heldGb) lines.push([t('purchases.held'), formatGb(p.heldGb)]);
  return (
    <details>
      <summary>{t('purchases.receipt')}</summary>
      <dl class="facts receipt">
        {lines.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function Purchases({ email }: { email: string }) {
  const purchases = useResource(listPurchases);
  const columns: Column<Purchase>[] = [
    { head: t('purchases.date'), cell: (p) => formatDate(p.createdAt) },
    {
      head: t('purchases.what'),
      cell: (p) => (
        <>
          <span class="kind">{purchaseKindText(p)}</span> {purchaseItemText(p)}
          <Receipt p={p} email={email} />
        </>
      ),
    },
    { head: t('purchases.amount'), cell: amountText },
    {
      head: t('purchases.status'),
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
      <h2 id="purchases-title">{t('purchases.title')}</h2>
      <LoadState state={purchases} loading={t('purchases.loading')}>
        {(list) =>
          list.length === 0 ? (
            <p class="muted">{t('purchases.none')}</p>
          ) : (
            <Table caption={t('purchases.caption')} columns={columns} rows={list} rowKey={(p) => p.id} />
          )
        }
      </LoadState>
    </section>
  );
}
